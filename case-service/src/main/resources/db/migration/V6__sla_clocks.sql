-- What case-service knows of its tenants, kept from tenant.events (never read from tenant-service's tables):
-- the profile that routes cases and counts business hours, and the SLA targets per severity. The provider's
-- defaults are kept under the nil tenant id, readable by every tenant; a tenant's own override wins.
create table tenant_profiles (
    tenant_id   uuid primary key,
    name        text,
    soc_model   text        not null,
    time_zone   text        not null,
    regimes     text[]      not null default '{}',
    windows     jsonb       not null default '[]',
    holidays    jsonb       not null default '[]',
    updated_at  timestamptz not null
);
alter table tenant_profiles enable row level security;
alter table tenant_profiles force row level security;
create policy tenant_isolation on tenant_profiles using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));

create table sla_targets (
    tenant_id        uuid not null,
    severity         text not null check (severity in ('INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
    acknowledge_mins int  not null check (acknowledge_mins > 0),
    triage_mins      int  not null check (triage_mins > 0),
    contain_mins     int  not null check (contain_mins > 0),
    notify_mins      int  not null check (notify_mins > 0),
    resolve_mins     int  check (resolve_mins > 0),
    clock            text not null check (clock in ('ALWAYS', 'BUSINESS_HOURS')),
    primary key (tenant_id, severity)
);
-- The provider's defaults until tenant-service's first sla-defaults message says otherwise (its own
-- migration seeds the same figures).
insert into sla_targets values
    ('00000000-0000-0000-0000-000000000000', 'CRITICAL', 15, 30, 120, 30, 1440, 'ALWAYS'),
    ('00000000-0000-0000-0000-000000000000', 'HIGH', 30, 60, 240, 60, 2880, 'ALWAYS'),
    ('00000000-0000-0000-0000-000000000000', 'MEDIUM', 120, 480, 1440, 480, 7200, 'ALWAYS'),
    ('00000000-0000-0000-0000-000000000000', 'LOW', 480, 1440, 4320, 1440, 14400, 'BUSINESS_HOURS');

alter table sla_targets enable row level security;
alter table sla_targets force row level security;
create policy tenant_isolation on sla_targets
    using (tenant_id = '00000000-0000-0000-0000-000000000000' or tenant_visible(tenant_id))
    with check (tenant_visible(tenant_id));

-- The clocks of a case: the SLA's (acknowledge, triage, contain, resolve, notify the client) and the
-- regulators' (NIS2, GDPR, DORA notifications). A running clock has consumed counted time up to
-- running_since and keeps counting from there; a paused one (waiting on the customer) does not count, and
-- the pause is kept apart. due_at and at_risk_at are where the counted time will reach the target and its
-- warning share, recomputed at every start, resume and change of target.
create table case_clocks (
    id               uuid primary key,
    tenant_id        uuid        not null,
    case_id          uuid        not null references cases (id),
    family           text        not null check (family in ('SLA', 'REGULATORY')),
    kind             text        not null,
    regime           text,
    target_minutes   int         not null check (target_minutes > 0),
    counting         text        not null check (counting in ('ALWAYS', 'BUSINESS_HOURS')),
    status           text        not null check (status in ('RUNNING', 'PAUSED', 'STOPPED', 'CANCELLED')),
    started_at       timestamptz not null,
    running_since    timestamptz,
    consumed_seconds bigint      not null default 0,
    paused_since     timestamptz,
    paused_seconds   bigint      not null default 0,
    at_risk_at       timestamptz,
    due_at           timestamptz,
    stopped_at       timestamptz,
    stopped_by       text,
    at_risk          boolean     not null default false,
    breached         boolean     not null default false,
    unique (case_id, kind)
);
create index case_clocks_case_idx on case_clocks (case_id);
create index case_clocks_watch_idx on case_clocks (due_at) where status = 'RUNNING' and not breached;
create index case_clocks_risk_idx on case_clocks (at_risk_at) where status = 'RUNNING' and not at_risk;
alter table case_clocks enable row level security;
alter table case_clocks force row level security;
create policy tenant_isolation on case_clocks using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));

-- Each regulatory notification sent for a case: which regime and stage, when, to whom, what was said.
create table regulatory_notifications (
    id         uuid primary key,
    tenant_id  uuid        not null,
    case_id    uuid        not null references cases (id),
    regime     text        not null,
    stage      text        not null,
    sent_at    timestamptz not null,
    recipient  text        not null,
    summary    text,
    recorded_by text       not null,
    recorded_at timestamptz not null
);
create index regulatory_notifications_case_idx on regulatory_notifications (case_id, sent_at);
alter table regulatory_notifications enable row level security;
alter table regulatory_notifications force row level security;
create policy tenant_isolation on regulatory_notifications using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));

-- The queue's SLA columns: the worst state of the case's SLA clocks and the soonest deadline among the
-- running ones. sla_urgency orders the queue by that deadline in the queue's one descending keyset
-- (minus the deadline's epoch seconds; a case with no running clock sorts last).
alter table cases add column sla_state text not null default 'NONE'
    check (sla_state in ('NONE', 'ON_TRACK', 'AT_RISK', 'BREACHED', 'MET'));
alter table cases add column sla_due_at timestamptz;
alter table cases add column sla_urgency bigint not null default -9223372036854775807;
create index cases_sla_queue_idx on cases (sla_urgency desc, id desc);
