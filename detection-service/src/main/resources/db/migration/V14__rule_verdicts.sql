-- Analysts' verdicts per rule and tenant, from case-service (alert.verdict): how often each rule was right.
create table rule_verdicts (
    tenant_id        uuid        not null,
    rule_id          text        not null,
    true_positives   bigint      not null default 0,
    benign_positives bigint      not null default 0,
    false_positives  bigint      not null default 0,
    updated_at       timestamptz not null,
    primary key (tenant_id, rule_id)
);
alter table rule_verdicts enable row level security;
alter table rule_verdicts force row level security;
create policy tenant_isolation on rule_verdicts using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));
