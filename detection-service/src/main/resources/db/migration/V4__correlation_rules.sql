-- Correlation rules live in the same catalog; kind tells them apart.
alter table rules add column kind text not null default 'detection' check (kind in ('detection', 'correlation'));
