-- How a tenant's alerts are grouped into cases, per rule (rule_id '*' is the tenant's default), as Sentinel's
-- groupingConfiguration: by the listed entities (within the rule, or across rules), every alert of the rule
-- in one case, or each alert its own case; the lookback window; whether a closed case is reopened.
create table grouping_rules (
    tenant_id        uuid        not null,
    rule_id          text        not null,
    matching         text        not null check (matching in ('ENTITIES', 'RULE', 'NONE')),
    entities         text[]      not null default '{}',
    across_rules     boolean     not null default false,
    lookback_minutes int         not null check (lookback_minutes between 5 and 43200),
    reopen_closed    boolean     not null default false,
    updated_at       timestamptz not null,
    updated_by       text        not null,
    primary key (tenant_id, rule_id)
);
alter table grouping_rules enable row level security;
alter table grouping_rules force row level security;
create policy tenant_isolation on grouping_rules using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));
