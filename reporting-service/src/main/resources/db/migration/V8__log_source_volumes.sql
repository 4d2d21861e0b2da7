-- Events each log source delivered per UTC day, as tenant-service announces the gateway's counts
-- (tenant.log-source.counted). Counts only grow within a day: the largest announced wins.
create table log_source_volumes (
    source_id  uuid        not null,
    tenant_id  uuid        not null,
    day        date        not null,
    events     bigint      not null,
    counted_at timestamptz not null,
    primary key (source_id, day)
);
create index log_source_volumes_tenant on log_source_volumes (tenant_id, day);
alter table log_source_volumes enable row level security;
alter table log_source_volumes force row level security;
create policy tenant_isolation on log_source_volumes using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));
