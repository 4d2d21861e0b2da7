-- The event store used for investigation: one row per normalised event, partitioned by day so retention
-- drops whole partitions. The natural key (tenant, event id) makes redelivery harmless.
create table events (
    tenant_id   uuid        not null,
    id          uuid        not null,
    ts          timestamptz not null,
    received_at timestamptz not null,
    doc         jsonb       not null,
    primary key (tenant_id, id, ts)
) partition by range (ts);

-- Until the retention job manages partitions, one default partition takes everything.
create table events_default partition of events default;

create index events_tenant_ts_idx on events (tenant_id, ts desc);
alter table events enable row level security;
alter table events force row level security;
create policy tenant_isolation on events using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));
