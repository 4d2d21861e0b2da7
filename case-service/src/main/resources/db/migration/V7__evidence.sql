-- Evidence of a case: files an analyst collected, kept with their SHA-256, size, who collected them and
-- when. The bytes sit in their own table (listing evidence never reads them), and every access is a
-- chain-of-custody entry. Walled per tenant like every case table.
create table case_evidence (
    id            uuid primary key,
    tenant_id     uuid        not null,
    case_id       uuid        not null references cases (id),
    file_name     text        not null,
    content_type  text        not null,
    size_bytes    bigint      not null check (size_bytes >= 0),
    sha256        text        not null check (sha256 ~ '^[0-9a-f]{64}$'),
    description   text,
    collected_by  text        not null,
    collected_at  timestamptz not null
);
create index case_evidence_case_idx on case_evidence (case_id, collected_at);

create table case_evidence_content (
    evidence_id uuid primary key references case_evidence (id),
    tenant_id   uuid  not null,
    bytes       bytea not null
);

create table case_evidence_custody (
    id          bigserial primary key,
    tenant_id   uuid        not null,
    evidence_id uuid        not null references case_evidence (id),
    at          timestamptz not null,
    actor       text        not null,
    action      text        not null check (action in ('COLLECTED', 'DOWNLOADED')),
    sha256      text        not null
);
create index case_evidence_custody_idx on case_evidence_custody (evidence_id, id);
-- Custody is history: the service may add to it, never rewrite it.
revoke update, delete, truncate on case_evidence_custody from ${app_role};

alter table case_evidence enable row level security;
alter table case_evidence force row level security;
create policy tenant_isolation on case_evidence using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));
alter table case_evidence_content enable row level security;
alter table case_evidence_content force row level security;
create policy tenant_isolation on case_evidence_content using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));
alter table case_evidence_custody enable row level security;
alter table case_evidence_custody force row level security;
create policy tenant_isolation on case_evidence_custody using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));
