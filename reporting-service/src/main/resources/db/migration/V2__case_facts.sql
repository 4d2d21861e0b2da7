-- What reporting knows of each case and clock, from case.* events only (the case file after each change),
-- and of each asset, from tenant.asset.* events. Response times, SLA compliance and briefings are computed
-- from these rows; the same rows give the same figures.
create table case_facts (
    case_id               uuid primary key,
    tenant_id             uuid        not null,
    number                bigint      not null,
    title                 text        not null,
    severity              text        not null,
    priority              integer     not null,
    priority_label        text        not null,
    status                text        not null,
    tier                  integer     not null,
    assignee              text,
    owner_party           text        not null,
    rule_id               text,
    techniques            text[]      not null default '{}',
    tactics               text[]      not null default '{}',
    hosts                 text[]      not null default '{}',
    alert_count           integer     not null,
    first_activity_at     timestamptz not null,
    created_at            timestamptz not null,
    acknowledged_at       timestamptz,
    contained_at          timestamptz,
    resolved_at           timestamptz,
    closed_at             timestamptz,
    classification        text,
    root_cause            text,
    reopened              integer     not null default 0,
    version               bigint      not null,
    changed_at            timestamptz not null
);
create index case_facts_period on case_facts (tenant_id, created_at);
alter table case_facts enable row level security;
alter table case_facts force row level security;
create policy tenant_isolation on case_facts using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));

-- One row per clock, in its last announced state. late: a breached clock that was stopped after its deadline
-- (case.sla.met-late), as opposed to one still overdue.
create table clock_facts (
    clock_id        uuid primary key,
    tenant_id       uuid        not null,
    case_id         uuid        not null,
    case_number     bigint      not null,
    severity        text        not null,
    family          text        not null,
    kind            text        not null,
    regime          text,
    target_minutes  integer     not null,
    counting        text        not null,
    state           text        not null,
    late            boolean     not null default false,
    started_at      timestamptz not null,
    due_at          timestamptz,
    stopped_at      timestamptz,
    counted_minutes integer     not null,
    paused_minutes  integer     not null,
    announced_at    timestamptz not null
);
create index clock_facts_period on clock_facts (tenant_id, started_at);
create index clock_facts_case on clock_facts (case_id);
alter table clock_facts enable row level security;
alter table clock_facts force row level security;
create policy tenant_isolation on clock_facts using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));

create table asset_facts (
    asset_id    uuid primary key,
    tenant_id   uuid        not null,
    hostname    text,
    fqdn        text,
    criticality text        not null,
    owner       text,
    environment text,
    tags        text[]      not null default '{}',
    updated_at  timestamptz not null
);
create index asset_facts_names on asset_facts (tenant_id, lower(hostname));
alter table asset_facts enable row level security;
alter table asset_facts force row level security;
create policy tenant_isolation on asset_facts using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));
