-- Recovery: restore, validate, and watch the case's observables for recurrence until watch_until; a new
-- sighting of one of them reopens the case.
alter table cases add column watch_until timestamptz;
create index cases_watched_idx on cases (tenant_id, watch_until) where watch_until is not null;
alter table case_tasks drop constraint case_tasks_kind_check;
alter table case_tasks add constraint case_tasks_kind_check check (kind in ('TASK', 'PATCH', 'RECOVERY'));
