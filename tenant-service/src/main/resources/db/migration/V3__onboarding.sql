-- Preparation data of a client beyond tenants, assets and coverage: identity provisioning state, richer
-- assets with their networks, contacts and escalation, log sources, ingestion API keys, SLA policy,
-- containment pre-approvals and the audit trail. Every tenant-owned table is under row-level security.

alter table tenants
    add column provisioned_at      timestamptz,
    add column provisioning_error  text,
    add column service_client_id   text,
    add column status_reason       text;

-- Assets: FQDN, cloud account, tags and any number of addresses (single IPs and CIDR ranges).
alter table assets
    add column fqdn             text,
    add column cloud_account_id text,
    add column tags             text[] not null default '{}',
    add column addresses        text[] not null default '{}';
update assets set addresses = array[ip] where ip is not null;
alter table assets drop column ip;
create unique index assets_tenant_hostname_ci on assets (tenant_id, lower(hostname));
create index assets_tenant_fqdn_ci on assets (tenant_id, lower(fqdn));

-- One row per address of an asset, so "which asset has this IP" is an index lookup (the most specific
-- network wins). Kept in step with assets.addresses by the service in the same transaction.
create table asset_networks (
    asset_id  uuid not null references assets (id) on delete cascade,
    tenant_id uuid not null,
    network   cidr not null,
    primary key (asset_id, network)
);
create index asset_networks_lookup on asset_networks using gist (network inet_ops);
create index asset_networks_tenant on asset_networks (tenant_id);
alter table asset_networks enable row level security;
alter table asset_networks force row level security;
create policy tenant_isolation on asset_networks using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));

create table contacts (
    id          uuid primary key,
    tenant_id   uuid        not null references tenants (id),
    name        text        not null,
    role        text,
    email       text,
    phone       text,
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    version     bigint      not null default 0
);
create index contacts_tenant_idx on contacts (tenant_id, created_at, id);
alter table contacts enable row level security;
alter table contacts force row level security;
create policy tenant_isolation on contacts using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));

-- Escalation matrix: for each severity, who is told in which order, after how long without acknowledgement.
create table escalation_steps (
    tenant_id     uuid    not null references tenants (id),
    severity      text    not null check (severity in ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
    position      int     not null,
    contact_id    uuid    not null references contacts (id),
    after_minutes int     not null check (after_minutes >= 0),
    channel       text    not null check (channel in ('EMAIL', 'PHONE', 'SMS')),
    primary key (tenant_id, severity, position)
);
alter table escalation_steps enable row level security;
alter table escalation_steps force row level security;
create policy tenant_isolation on escalation_steps using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));

create table log_sources (
    id                      uuid primary key,
    tenant_id               uuid        not null references tenants (id),
    name                    text        not null,
    product                 text        not null,
    format                  text        not null check (format in ('JSON', 'SYSLOG', 'CEF', 'LEEF')),
    expected_events_per_day bigint,
    silence_after_minutes   int         not null check (silence_after_minutes > 0),
    silent_since            timestamptz,
    created_at              timestamptz not null,
    updated_at              timestamptz not null,
    version                 bigint      not null default 0,
    unique (tenant_id, name)
);
alter table log_sources enable row level security;
alter table log_sources force row level security;
create policy tenant_isolation on log_sources using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));

-- Ingestion API keys: only the SHA-256 of the key is kept (keys are 256 random bits, so a fast hash is
-- enough); the key itself is shown once at creation.
create table api_keys (
    id            uuid primary key,
    tenant_id     uuid        not null references tenants (id),
    log_source_id uuid references log_sources (id),
    name          text        not null,
    prefix        text        not null,
    key_hash      text        not null unique,
    created_at    timestamptz not null,
    created_by    text        not null,
    revoked_at    timestamptz,
    revoked_by    text
);
create index api_keys_tenant_idx on api_keys (tenant_id, created_at, id);
alter table api_keys enable row level security;
alter table api_keys force row level security;
create policy tenant_isolation on api_keys using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));

-- SLA policy: the provider's defaults (one row per severity, readable by every tenant) and per-tenant
-- overrides. The effective target is the override, else the default.
create table sla_defaults (
    severity         text primary key check (severity in ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
    acknowledge_mins int  not null check (acknowledge_mins > 0),
    triage_mins      int  not null check (triage_mins > 0),
    contain_mins     int  not null check (contain_mins > 0),
    notify_mins      int  not null check (notify_mins > 0),
    clock            text not null check (clock in ('ALWAYS', 'BUSINESS_HOURS')),
    updated_at       timestamptz not null
);
insert into sla_defaults values
    ('CRITICAL', 15, 30, 120, 30, 'ALWAYS', now()),
    ('HIGH', 30, 60, 240, 60, 'ALWAYS', now()),
    ('MEDIUM', 120, 480, 1440, 480, 'ALWAYS', now()),
    ('LOW', 480, 1440, 4320, 1440, 'BUSINESS_HOURS', now());

create table sla_overrides (
    tenant_id        uuid not null references tenants (id),
    severity         text not null check (severity in ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
    acknowledge_mins int  not null check (acknowledge_mins > 0),
    triage_mins      int  not null check (triage_mins > 0),
    contain_mins     int  not null check (contain_mins > 0),
    notify_mins      int  not null check (notify_mins > 0),
    clock            text not null check (clock in ('ALWAYS', 'BUSINESS_HOURS')),
    updated_at       timestamptz not null,
    primary key (tenant_id, severity)
);
alter table sla_overrides enable row level security;
alter table sla_overrides force row level security;
create policy tenant_isolation on sla_overrides using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));

-- Containment pre-approvals: which playbook actions the provider may run unasked, on which assets.
create table containment_policies (
    tenant_id  uuid primary key references tenants (id),
    rules      jsonb       not null default '[]',
    approvers  jsonb       not null default '[]',
    escalate_after_minutes int not null default 30,
    updated_at timestamptz not null,
    version    bigint      not null default 0
);
alter table containment_policies enable row level security;
alter table containment_policies force row level security;
create policy tenant_isolation on containment_policies using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));

-- Who changed what, when: appended in the same transaction as the change, never updated.
create table audit_log (
    id          uuid primary key,
    tenant_id   uuid        not null,
    at          timestamptz not null,
    actor       text        not null,
    action      text        not null,
    entity_type text        not null,
    entity_id   text        not null,
    changes     jsonb       not null
);
create index audit_log_tenant_at on audit_log (tenant_id, at, id);
alter table audit_log enable row level security;
alter table audit_log force row level security;
create policy tenant_isolation on audit_log using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));
revoke update, delete on audit_log from ${app_role};
