-- Alerts as detection published them. The alert id is detection's deduplication key, so a redelivered
-- alert lands on the same row.
create table alerts (
    id          uuid primary key,
    tenant_id   uuid        not null,
    rule_id     text,
    title       text        not null,
    severity    text        not null check (severity in ('INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
    detected_at timestamptz not null,
    received_at timestamptz not null,
    payload     jsonb       not null
);
create index alerts_tenant_detected_idx on alerts (tenant_id, detected_at desc, id);
alter table alerts enable row level security;
alter table alerts force row level security;
create policy tenant_isolation on alerts using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));
