-- The provider's shift schedule (who is on which shift, in which zone, for which tenants: none listed means
-- every tenant the members serve) and the handovers between shifts. A handover's header (shift, notes,
-- author, acknowledgement) is the provider's own; what it says of each client is one row per tenant, behind
-- row-level security, so a reader sees only the clients they serve.
create table shifts (
    name       text primary key,
    time_zone  text        not null,
    days       text[]      not null,
    starts_at  time        not null,
    ends_at    time        not null,
    members    text[]      not null default '{}',
    tenant_ids uuid[],
    updated_at timestamptz not null,
    updated_by text        not null
);

create table handovers (
    id              uuid primary key,
    shift           text        not null references shifts (name),
    author          text        not null,
    created_at      timestamptz not null,
    notes           text,
    acknowledged_by text,
    acknowledged_at timestamptz
);
create index handovers_shift_idx on handovers (shift, created_at desc);

create table handover_items (
    handover_id uuid  not null references handovers (id),
    tenant_id   uuid  not null,
    summary     jsonb not null,
    primary key (handover_id, tenant_id)
);
alter table handover_items enable row level security;
alter table handover_items force row level security;
create policy tenant_isolation on handover_items using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));

create index case_clocks_regulatory_running_idx on case_clocks (tenant_id) where family = 'REGULATORY' and status = 'RUNNING';
