-- Containment runs of cases, from case.playbook-run.changed: the run after its last change, its steps as the
-- message gave them (JSON), for briefings (what was done, what waits for the client's decision).
create table run_facts (
    run_id      uuid primary key,
    tenant_id   uuid        not null,
    case_id     uuid        not null,
    playbook    text        not null,
    status      text        not null,
    started_by  text        not null,
    started_at  timestamptz not null,
    finished_at timestamptz,
    steps       jsonb       not null,
    changed_at  timestamptz not null
);
create index run_facts_case on run_facts (case_id, started_at);
alter table run_facts enable row level security;
alter table run_facts force row level security;
create policy tenant_isolation on run_facts using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));
