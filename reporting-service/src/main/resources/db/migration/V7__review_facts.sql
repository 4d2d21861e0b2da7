-- Each case's post-incident review as case-service last announced it (case.review.changed): the root cause
-- and the follow-ups, so the monthly report can say what is being improved.
create table review_facts (
    case_id     uuid primary key,
    tenant_id   uuid        not null,
    case_number bigint      not null,
    root_cause  text        not null,
    follow_ups  jsonb       not null,
    updated_at  timestamptz not null
);
create index review_facts_tenant on review_facts (tenant_id);
alter table review_facts enable row level security;
alter table review_facts force row level security;
create policy tenant_isolation on review_facts using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));
