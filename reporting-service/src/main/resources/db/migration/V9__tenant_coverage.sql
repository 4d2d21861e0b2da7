-- Each tenant's latest ATT&CK coverage as detection-service announced it (detection.coverage.changed): the whole
-- message, kept as sent; a message older than the one kept is ignored.
create table tenant_coverage (
    tenant_id   uuid primary key,
    computed_at timestamptz not null,
    coverage    jsonb       not null
);
alter table tenant_coverage enable row level security;
alter table tenant_coverage force row level security;
create policy tenant_isolation on tenant_coverage using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));
