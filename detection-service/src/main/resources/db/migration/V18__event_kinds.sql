-- The kinds of events each tenant sends (Windows event id and channel, '' when the event has none) and the
-- field names seen on them: which rules could fire for the tenant, its ATT&CK coverage. Sampled in memory
-- and written at most every few seconds per kind.
create table event_kinds (
    tenant_id  uuid        not null,
    event_id   text        not null,
    channel    text        not null,
    fields     text[]      not null,
    first_seen timestamptz not null,
    last_seen  timestamptz not null,
    primary key (tenant_id, event_id, channel)
);
create index event_kinds_recent on event_kinds (last_seen);
alter table event_kinds enable row level security;
alter table event_kinds force row level security;
create policy tenant_isolation on event_kinds using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));

-- What detection.coverage.changed last told of each tenant (a digest), so a coverage is announced once per change.
create table coverage_announcements (
    tenant_id    uuid primary key,
    digest       text        not null,
    announced_at timestamptz not null
);
alter table coverage_announcements enable row level security;
alter table coverage_announcements force row level security;
create policy tenant_isolation on coverage_announcements using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));
