-- Baselines of normal behaviour, per tenant. Learning starts at the event time of the tenant's first
-- observed event and lasts learning_days; facts first seen after it raise alerts.
create table baseline_settings (
    tenant_id      uuid primary key,
    enabled        boolean          not null default true,
    learning_days  int              not null default 14 check (learning_days between 1 and 90),
    kinds          text[]           not null default '{logon-source,parent-child,admin-tool}',
    volume_sigmas  double precision not null default 3 check (volume_sigmas > 0 and volume_sigmas <= 100),
    volume_min     int              not null default 100 check (volume_min >= 0),
    started_at     timestamptz,
    updated_at     timestamptz      not null
);
-- First-seen facts: one row per (kind, entity, value), e.g. (parent-child, host, 'cmd.exe > netsh.exe').
create table baseline_seen (
    tenant_id  uuid        not null,
    kind       text        not null,
    entity     text        not null,
    value      text        not null,
    first_seen timestamptz not null,
    primary key (tenant_id, kind, entity, value)
);
-- Events per host or user per hour (event time); evaluated once the hour is over.
create table baseline_volume (
    tenant_id   uuid        not null,
    entity_kind text        not null check (entity_kind in ('host', 'user')),
    entity      text        not null,
    hour        timestamptz not null,
    count       bigint      not null,
    evaluated   boolean     not null default false,
    primary key (tenant_id, entity_kind, entity, hour)
);
create index baseline_volume_pending_idx on baseline_volume (hour) where not evaluated;

alter table baseline_settings enable row level security;
alter table baseline_settings force row level security;
create policy tenant_isolation on baseline_settings using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));
alter table baseline_seen enable row level security;
alter table baseline_seen force row level security;
create policy tenant_isolation on baseline_seen using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));
alter table baseline_volume enable row level security;
alter table baseline_volume force row level security;
create policy tenant_isolation on baseline_volume using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));
