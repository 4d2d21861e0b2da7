-- Cases: alerts grouped by what they are about (rule and host by default), worked by tiers 1-3 from NEW
-- to CLOSED. Every tenant-owned table is walled by row-level security like the alerts.
create table case_numbers (
    tenant_id   uuid primary key,
    last_number bigint not null
);

create table cases (
    id                    uuid primary key,
    tenant_id             uuid        not null,
    number                bigint      not null,
    title                 text        not null,
    description           text,
    severity              text        not null check (severity in ('INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
    severity_rank         int         not null,
    severity_reason       text,
    severity_set_by_analyst boolean   not null default false,
    priority              int         not null check (priority between 0 and 100),
    priority_factors      jsonb       not null,
    status                text        not null default 'NEW' check (status in ('NEW', 'ACKNOWLEDGED', 'IN_PROGRESS',
                                          'WAITING_ON_CUSTOMER', 'CONTAINED', 'RESOLVED', 'CLOSED')),
    tier                  int         not null default 1 check (tier between 1 and 3),
    assignee              text,
    owner_party           text        not null default 'PROVIDER' check (owner_party in ('PROVIDER', 'CLIENT')),
    labels                text[]      not null default '{}',
    techniques            text[]      not null default '{}',
    tactics               text[]      not null default '{}',
    hosts                 text[]      not null default '{}',
    rule_id               text,
    rule_level            text,
    asset_criticality     text,
    grouping_key          text        not null,
    alert_count           int         not null default 0,
    intel_hits            int         not null default 0,
    first_activity_at     timestamptz not null,
    last_activity_at      timestamptz not null,
    created_at            timestamptz not null,
    updated_at            timestamptz not null,
    acknowledged_at       timestamptz,
    contained_at          timestamptz,
    resolved_at           timestamptz,
    closed_at             timestamptz,
    classification        text check (classification in ('TRUE_POSITIVE', 'BENIGN_POSITIVE', 'FALSE_POSITIVE', 'UNDETERMINED')),
    classification_reason text,
    root_cause            text,
    closing_comment       text,
    version               bigint      not null default 0,
    unique (tenant_id, number),
    constraint cases_closed_is_classified check ((status = 'CLOSED') = (classification is not null))
);
create index cases_grouping_idx on cases (tenant_id, grouping_key, last_activity_at desc);
create index cases_queue_idx on cases (priority desc, created_at desc, id);
create index cases_tenant_status_idx on cases (tenant_id, status);

alter table alerts add column case_id uuid references cases (id);
create index alerts_case_idx on alerts (case_id, detected_at);

-- The audit trail: append-only and hash-chained per tenant. Each row carries the hash of the one before
-- it (seq - 1), so changing or removing a row breaks every hash after it; the service's role may insert
-- and read it, never update or delete it. before/after are kept as the exact JSON text that was hashed.
create table case_audit (
    tenant_id uuid        not null,
    seq       bigint      not null,
    at        timestamptz not null,
    actor     text        not null,
    case_id   uuid,
    action    text        not null,
    before    text,
    after     text,
    prev_hash text        not null,
    hash      text        not null,
    primary key (tenant_id, seq)
);
create index case_audit_case_idx on case_audit (case_id, seq);
revoke update, delete, truncate on case_audit from ${app_role};

-- The head of each tenant's chain, locked while a row is appended so the chain stays a line.
create table case_audit_heads (
    tenant_id uuid primary key,
    seq       bigint not null,
    hash      text   not null
);

alter table case_numbers enable row level security;
alter table case_numbers force row level security;
create policy tenant_isolation on case_numbers using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));
alter table cases enable row level security;
alter table cases force row level security;
create policy tenant_isolation on cases using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));
alter table case_audit enable row level security;
alter table case_audit force row level security;
create policy tenant_isolation on case_audit using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));
alter table case_audit_heads enable row level security;
alter table case_audit_heads force row level security;
create policy tenant_isolation on case_audit_heads using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));
