-- The tenant's declared log sources as tenant-service announces them (tenant.log-source.*), and each silence
-- (a source sending nothing past its threshold) from when it began to when the source recovered.
create table log_source_facts (
    source_id               uuid primary key,
    tenant_id               uuid        not null,
    name                    text        not null,
    product                 text,
    format                  text        not null,
    expected_events_per_day bigint,
    health                  text        not null,
    last_seen_at            timestamptz,
    silent_since            timestamptz,
    updated_at              timestamptz not null
);
create index log_source_facts_tenant on log_source_facts (tenant_id);
create table log_source_silences (
    source_id  uuid        not null references log_source_facts (source_id) on delete cascade,
    tenant_id  uuid        not null,
    started_at timestamptz not null,
    ended_at   timestamptz,
    primary key (source_id, started_at)
);
create index log_source_silences_tenant on log_source_silences (tenant_id, started_at);
alter table log_source_facts enable row level security;
alter table log_source_facts force row level security;
create policy tenant_isolation on log_source_facts using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));
alter table log_source_silences enable row level security;
alter table log_source_silences force row level security;
create policy tenant_isolation on log_source_silences using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));
