-- Each tenant's weekly windows of client-team cover and its holidays, in the tenant's time zone.
create table coverage_calendars (
    tenant_id  uuid primary key references tenants (id),
    windows    jsonb       not null default '[]',
    holidays   jsonb       not null default '[]',
    updated_at timestamptz not null,
    version    bigint      not null default 0
);
alter table coverage_calendars enable row level security;
alter table coverage_calendars force row level security;
create policy tenant_isolation on coverage_calendars using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));
