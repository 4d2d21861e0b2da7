-- Telemetry that was accepted but could not be parsed: kept with the reason, never dropped.
create table dead_letters (
    id           uuid primary key,
    tenant_id    uuid        not null,
    received_at  timestamptz not null,
    format       text        not null,
    reason       text        not null,
    line_number  int,
    raw          text        not null,
    raw_bytes    int         not null
);
create index dead_letters_tenant_received_idx on dead_letters (tenant_id, received_at, id);
alter table dead_letters enable row level security;
alter table dead_letters force row level security;
create policy tenant_isolation on dead_letters using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));
