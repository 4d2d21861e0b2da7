create table tenants (
    id          uuid primary key,
    name        text        not null,
    slug        text        not null unique,
    status      text        not null check (status in ('ONBOARDING', 'ACTIVE', 'SUSPENDED', 'OFFBOARDED')),
    soc_model   text        not null check (soc_model in ('MANAGED', 'HYBRID', 'VIRTUAL', 'CO_MANAGED')),
    time_zone   text        not null,
    industry    text,
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    version     bigint      not null default 0
);
alter table tenants enable row level security;
alter table tenants force row level security;
create policy tenant_isolation on tenants using (tenant_visible(id)) with check (tenant_visible(id));

create table assets (
    id           uuid primary key,
    tenant_id    uuid        not null references tenants (id),
    hostname     text        not null,
    ip           text,
    criticality  text        not null check (criticality in ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
    owner        text,
    environment  text,
    created_at   timestamptz not null,
    updated_at   timestamptz not null,
    version      bigint      not null default 0,
    unique (tenant_id, hostname)
);
create index assets_tenant_created_idx on assets (tenant_id, created_at, id);
alter table assets enable row level security;
alter table assets force row level security;
create policy tenant_isolation on assets using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));
