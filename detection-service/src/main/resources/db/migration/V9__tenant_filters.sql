-- A tenant's exceptions: Sigma filters (the environment's known-good activity) ANDed to the rules they name,
-- for that tenant only, with how many matches each one dropped.
create table tenant_filters (
    tenant_id      uuid        not null,
    id             text        not null,
    title          text        not null,
    rules          text[]      not null,
    yaml           text        not null,
    filtered       bigint      not null default 0,
    last_filtered  timestamptz,
    created_at     timestamptz not null,
    updated_at     timestamptz not null,
    primary key (tenant_id, id)
);
alter table tenant_filters enable row level security;
alter table tenant_filters force row level security;
create policy tenant_isolation on tenant_filters using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));
