-- How long each tenant's events are kept (its contract); tenants without a row keep the provider's default.
create table event_retention (
    tenant_id  uuid primary key,
    days       int         not null check (days between 1 and 3650),
    updated_at timestamptz not null
);
alter table event_retention enable row level security;
alter table event_retention force row level security;
create policy tenant_isolation on event_retention using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));
create index events_ts_idx on events (ts);
