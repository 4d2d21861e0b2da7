-- Correlation state (per tenant, correlation and group-by values), written in the transaction that stores
-- the event, so a restart or a second instance picks up every open window where it was left.
create table correlation_state (
    tenant_id      uuid        not null,
    correlation_id text        not null,
    group_key      text        not null,
    state          jsonb       not null,
    expires_at     timestamptz not null,
    primary key (tenant_id, correlation_id, group_key)
);
create index correlation_state_expires_idx on correlation_state (expires_at);
alter table correlation_state enable row level security;
alter table correlation_state force row level security;
create policy tenant_isolation on correlation_state using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));
