-- Post-incident reviews of true-positive cases of high and critical severity, and their follow-up actions.
create table post_incident_reviews (
    case_id       uuid primary key references cases (id),
    tenant_id     uuid        not null,
    root_cause    text        not null,
    what_worked   text,
    what_did_not  text,
    created_at    timestamptz not null,
    created_by    text        not null,
    updated_at    timestamptz not null,
    updated_by    text        not null,
    version       bigint      not null default 0
);
create index post_incident_reviews_tenant_idx on post_incident_reviews (tenant_id, updated_at);
alter table post_incident_reviews enable row level security;
alter table post_incident_reviews force row level security;
create policy tenant_isolation on post_incident_reviews using (tenant_visible(tenant_id))
    with check (tenant_visible(tenant_id));

create table review_follow_ups (
    id          uuid primary key,
    tenant_id   uuid        not null,
    case_id     uuid        not null references post_incident_reviews (case_id),
    position    int         not null,
    kind        text        not null check (kind in ('DETECTION_UPDATE', 'PLAYBOOK_UPDATE', 'PROCESS', 'TRAINING', 'OTHER')),
    title       text        not null,
    owner       text        not null,
    due_date    date        not null,
    status      text        not null check (status in ('OPEN', 'DONE', 'DROPPED')),
    rule_id     text,
    playbook    text,
    done_at     timestamptz,
    updated_at  timestamptz not null,
    unique (case_id, position)
);
create index review_follow_ups_open_idx on review_follow_ups (tenant_id, status, due_date);
alter table review_follow_ups enable row level security;
alter table review_follow_ups force row level security;
create policy tenant_isolation on review_follow_ups using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));
