-- A tenant's own playbooks, beside the ones Vigil ships: same format, versioned (each PUT is the next version),
-- and chosen first by name for that tenant's cases.
create table tenant_playbooks (
    tenant_id   uuid        not null,
    name        text        not null,
    version     int         not null,
    definition  jsonb       not null,
    updated_at  timestamptz not null,
    updated_by  text        not null,
    primary key (tenant_id, name)
);
alter table tenant_playbooks enable row level security;
alter table tenant_playbooks force row level security;
create policy tenant_isolation on tenant_playbooks using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));
