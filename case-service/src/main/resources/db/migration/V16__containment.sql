-- Containment: playbook runs on a case, step by step, each through a connector, each either pre-approved by
-- the tenant (its containment policy, kept from tenant.events) or waiting for one of the tenant's approvers.

-- The tenant's pre-approvals as tenant-service last announced them (tenant.containment-policy.replaced).
create table containment_policies (
    tenant_id              uuid primary key,
    rules                  jsonb       not null,
    approvers              uuid[]      not null,
    escalate_after_minutes int         not null,
    updated_at             timestamptz not null
);
alter table containment_policies enable row level security;
alter table containment_policies force row level security;
create policy tenant_isolation on containment_policies using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));

-- The tenant's assets as tenant-service announced them: what a step's target is (criticality, environment).
create table asset_facts (
    tenant_id   uuid        not null,
    hostname    text        not null,
    fqdn        text,
    criticality text,
    environment text,
    updated_at  timestamptz not null,
    primary key (tenant_id, hostname)
);
alter table asset_facts enable row level security;
alter table asset_facts force row level security;
create policy tenant_isolation on asset_facts using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));

-- Where a tenant's connectors send actions (a client's EDR, firewall, SOAR): named, one kind each.
create table connectors (
    tenant_id  uuid        not null,
    name       text        not null,
    kind       text        not null check (kind in ('WEBHOOK')),
    url        text        not null,
    updated_at timestamptz not null,
    updated_by text        not null,
    primary key (tenant_id, name)
);
alter table connectors enable row level security;
alter table connectors force row level security;
create policy tenant_isolation on connectors using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));

create table playbook_runs (
    id          uuid primary key,
    tenant_id   uuid        not null,
    case_id     uuid        not null references cases (id),
    playbook    text        not null,
    version     int         not null,
    status      text        not null check (status in ('RUNNING', 'WAITING_APPROVAL', 'SUCCEEDED', 'FAILED', 'DENIED')),
    started_by  text        not null,
    started_at  timestamptz not null,
    finished_at timestamptz
);
create index playbook_runs_case_idx on playbook_runs (case_id, started_at);
alter table playbook_runs enable row level security;
alter table playbook_runs force row level security;
create policy tenant_isolation on playbook_runs using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));

create table playbook_steps (
    run_id        uuid        not null references playbook_runs (id),
    position      int         not null,
    tenant_id     uuid        not null,
    action        text        not null,
    target        text,
    connector     text,
    on_failure    text        not null check (on_failure in ('STOP', 'CONTINUE')),
    status        text        not null check (status in ('PENDING', 'WAITING_APPROVAL', 'RUNNING', 'SUCCEEDED', 'FAILED',
                                                          'DENIED', 'SKIPPED')),
    approval      text        not null,
    decided_by    text,
    decided_at    timestamptz,
    decision_note text,
    attempts      int         not null default 0,
    detail        text,
    started_at    timestamptz,
    finished_at   timestamptz,
    primary key (run_id, position)
);
create index playbook_steps_runnable_idx on playbook_steps (status) where status = 'PENDING';
alter table playbook_steps enable row level security;
alter table playbook_steps force row level security;
create policy tenant_isolation on playbook_steps using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));
