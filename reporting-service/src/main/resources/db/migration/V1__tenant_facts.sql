-- What reporting knows of each tenant, from tenant.* events.
create table tenant_facts (
    tenant_id  uuid primary key,
    name       text        not null,
    slug       text        not null,
    status     text        not null,
    soc_model  text        not null,
    time_zone  text        not null,
    updated_at timestamptz not null
);
alter table tenant_facts enable row level security;
alter table tenant_facts force row level security;
create policy tenant_isolation on tenant_facts using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));
