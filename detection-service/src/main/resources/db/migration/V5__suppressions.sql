-- Alert suppression per tenant and rule (as Elastic's): one alert per group of field values per window;
-- the state lives here, in the transaction that raises the alert, so it survives restarts and never
-- suppresses an alert that was not raised.
create table suppressions (
    tenant_id      uuid        not null,
    rule_id        text        not null,
    group_by       text[]      not null,
    window_seconds int         not null check (window_seconds between 1 and 604800),
    created_at     timestamptz not null,
    primary key (tenant_id, rule_id)
);
alter table suppressions enable row level security;
alter table suppressions force row level security;
create policy tenant_isolation on suppressions using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));

create table suppression_state (
    tenant_id  uuid        not null,
    rule_id    text        not null,
    group_key  text        not null,
    until      timestamptz not null,
    suppressed bigint      not null default 0,
    primary key (tenant_id, rule_id, group_key)
);
alter table suppression_state enable row level security;
alter table suppression_state force row level security;
create policy tenant_isolation on suppression_state using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));
