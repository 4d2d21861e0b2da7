-- Automation rules (Sentinel's): when a case of the tenant is created and matches the conditions, run the
-- playbook by itself, in the rules' order, until the rule expires. Each step is still gated by the client's
-- pre-approvals: automation never approves for the client.
create table automation_rules (
    tenant_id       uuid        not null,
    name            text        not null,
    position        int         not null,
    trigger         text        not null check (trigger in ('CASE_CREATED')),
    severities      text[]      not null default '{}',
    rule_ids        text[]      not null default '{}',
    labels          text[]      not null default '{}',
    min_criticality text,
    playbook        text        not null,
    enabled         boolean     not null,
    expires_at      timestamptz,
    updated_at      timestamptz not null,
    updated_by      text        not null,
    primary key (tenant_id, name)
);
alter table automation_rules enable row level security;
alter table automation_rules force row level security;
create policy tenant_isolation on automation_rules using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));
