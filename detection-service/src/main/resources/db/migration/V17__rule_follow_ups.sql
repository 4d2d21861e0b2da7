-- Post-incident reviews' detection and playbook follow-ups of a rule (rule.follow-up from case-service), shown
-- beside the rule's verdict counts; the latest message of each follow-up wins.
create table rule_follow_ups (
    id          uuid primary key,
    tenant_id   uuid        not null,
    rule_id     text        not null,
    case_id     uuid        not null,
    case_number bigint      not null,
    kind        text        not null,
    title       text        not null,
    owner       text        not null,
    due_date    date        not null,
    status      text        not null,
    playbook    text,
    updated_at  timestamptz not null
);
create index rule_follow_ups_rule_idx on rule_follow_ups (tenant_id, rule_id, status);
alter table rule_follow_ups enable row level security;
alter table rule_follow_ups force row level security;
create policy tenant_isolation on rule_follow_ups using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));
