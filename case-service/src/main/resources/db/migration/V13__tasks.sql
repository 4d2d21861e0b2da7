-- Task templates: checklists the provider (or one tenant) keeps for kinds of case, chosen by the case's
-- rule, one of its ATT&CK techniques (a technique matches its sub-techniques) or one of its labels. A
-- provider template (no tenant) is readable by every tenant's cases; a tenant's own only by that tenant's.
create table task_templates (
    name         text primary key,
    tenant_id    uuid,
    rule_id      text,
    technique    text,
    label        text,
    tasks        jsonb       not null,
    updated_at   timestamptz not null,
    updated_by   text        not null,
    check (rule_id is not null or technique is not null or label is not null)
);
alter table task_templates enable row level security;
alter table task_templates force row level security;
create policy tenant_isolation on task_templates using (tenant_id is null or tenant_visible(tenant_id))
    with check (tenant_id is null or tenant_visible(tenant_id));

-- A case's tasks: from the templates that matched it (once per template) and added by hand.
create table case_tasks (
    id          uuid primary key,
    tenant_id   uuid        not null,
    case_id     uuid        not null references cases (id),
    position    int         not null,
    title       text        not null,
    description text,
    template    text,
    status      text        not null check (status in ('OPEN', 'DONE', 'SKIPPED')),
    assignee    text,
    done_by     text,
    done_at     timestamptz,
    created_at  timestamptz not null,
    created_by  text        not null
);
create index case_tasks_case_idx on case_tasks (case_id, position);
alter table case_tasks enable row level security;
alter table case_tasks force row level security;
create policy tenant_isolation on case_tasks using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));
