-- Whom case-service tells of a new case, kept from tenant.events: the tenant's contacts (the ways to reach
-- them) and its escalation matrix (per severity, in order: which contact, by which channel, after how many
-- minutes without acknowledgement).
create table tenant_contacts (
    id          uuid primary key,
    tenant_id   uuid        not null,
    name        text        not null,
    email       text,
    phone       text,
    webhook_url text,
    updated_at  timestamptz not null
);
create table escalation_rungs (
    tenant_id     uuid not null,
    severity      text not null,
    position      int  not null check (position > 0),
    contact_id    uuid not null,
    after_minutes int  not null check (after_minutes >= 0),
    channel       text not null check (channel in ('EMAIL', 'PHONE', 'SMS', 'WEBHOOK')),
    primary key (tenant_id, severity, position)
);

-- The key each tenant's webhooks are signed with (HMAC-SHA256); the client reads it to verify them.
create table webhook_keys (
    tenant_id  uuid primary key,
    secret     text        not null,
    created_at timestamptz not null
);

-- Each rung of the matrix reached for a case: one row per (case, rung), so a rung is never sent twice, with
-- the outcome (sent, failed and retried, refused by the outbound address check, or no gateway for it).
create table case_notifications (
    id           uuid primary key,
    tenant_id    uuid        not null,
    case_id      uuid        not null references cases (id),
    position     int         not null,
    contact_id   uuid        not null,
    contact_name text        not null,
    channel      text        not null,
    target       text,
    status       text        not null check (status in ('SENDING', 'SENT', 'FAILED', 'REFUSED', 'UNSUPPORTED')),
    attempts     int         not null default 0,
    detail       text,
    due_at       timestamptz not null,
    sent_at      timestamptz,
    unique (case_id, position)
);
create index cases_unacknowledged_idx on cases (created_at) where acknowledged_at is null;

alter table tenant_contacts enable row level security;
alter table tenant_contacts force row level security;
create policy tenant_isolation on tenant_contacts using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));
alter table escalation_rungs enable row level security;
alter table escalation_rungs force row level security;
create policy tenant_isolation on escalation_rungs using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));
alter table webhook_keys enable row level security;
alter table webhook_keys force row level security;
create policy tenant_isolation on webhook_keys using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));
alter table case_notifications enable row level security;
alter table case_notifications force row level security;
create policy tenant_isolation on case_notifications using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));
