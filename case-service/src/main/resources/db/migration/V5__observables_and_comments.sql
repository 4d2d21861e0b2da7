-- Observables: what a case is about, typed (TheHive's observables: TLP and PAP, IOC and sighted flags),
-- taken from its alerts' entities and indicators, or added by an analyst.
create table case_observables (
    id         uuid primary key,
    tenant_id  uuid        not null,
    case_id    uuid        not null references cases (id),
    type       text        not null check (type in ('ip', 'domain', 'url', 'file-hash', 'user', 'host', 'email',
                                                    'process', 'registry-key')),
    value      text        not null,
    tlp        text        not null default 'AMBER' check (tlp in ('CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED')),
    pap        text        not null default 'AMBER' check (pap in ('CLEAR', 'GREEN', 'AMBER', 'RED')),
    ioc        boolean     not null default false,
    sighted    boolean     not null default true,
    source     text        not null check (source in ('ALERT', 'ANALYST')),
    note       text,
    created_at timestamptz not null,
    created_by text        not null,
    unique (case_id, type, value)
);
create index case_observables_value_idx on case_observables (tenant_id, type, value);
create index case_observables_prevalence_idx on case_observables (type, value, tenant_id);
alter table case_observables enable row level security;
alter table case_observables force row level security;
create policy tenant_isolation on case_observables using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));

-- The one signal that crosses clients: in how many other tenants' cases an observable appears. Only this
-- function, running as the schema's owner (the one role the 'prevalence' policy admits to every row),
-- reads across tenants, and it answers a number: no tenant, case or row.
create policy prevalence on case_observables for select to ${flyway:user} using (true);
create function observable_prevalence(kind text, val text, mine uuid) returns int
    language sql stable security definer set search_path = ${flyway:defaultSchema}, pg_temp as
$$
select count(distinct tenant_id)::int from case_observables where type = kind and value = val and tenant_id <> mine
$$;
revoke all on function observable_prevalence(text, text, uuid) from public;
grant execute on function observable_prevalence(text, text, uuid) to ${app_role};

-- Comments: provider-internal (staff only) or shared with the client's team.
create table case_comments (
    id           uuid primary key,
    tenant_id    uuid        not null,
    case_id      uuid        not null references cases (id),
    author       text        not null,
    author_party text        not null check (author_party in ('PROVIDER', 'CLIENT')),
    visibility   text        not null check (visibility in ('INTERNAL', 'SHARED')),
    body         text        not null,
    created_at   timestamptz not null
);
create index case_comments_case_idx on case_comments (case_id, created_at);
alter table case_comments enable row level security;
alter table case_comments force row level security;
create policy tenant_isolation on case_comments using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));

-- Saved views of the queue, per analyst ("my work", "night shift"): a filter and a sort, no tenant data of
-- their own (the tenants a view names are checked against the caller each time it is used).
create table saved_views (
    owner      text        not null,
    name       text        not null,
    filter     text        not null,
    updated_at timestamptz not null,
    primary key (owner, name)
);
