-- How a tenant's telemetry meets the rules: values of Sigma placeholders (%ServerSystems%, %Admins_Workstations%...)
-- used by rules with the expand modifier, and field names per log source ('*': all of the tenant's sources)
-- where its events do not use the names the rules expect.
create table tenant_mappings (
    tenant_id      uuid primary key,
    placeholders   jsonb       not null default '{}',
    field_mappings jsonb       not null default '{}',
    updated_at     timestamptz not null
);
alter table tenant_mappings enable row level security;
alter table tenant_mappings force row level security;
create policy tenant_isolation on tenant_mappings using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));
