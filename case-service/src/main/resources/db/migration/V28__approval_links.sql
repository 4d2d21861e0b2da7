-- A tenant's named approvers decide a waiting containment step through a link sent to them: one link per
-- approver and step, single use, expiring, and kept here only as the SHA-256 of its secret.
alter table playbook_steps add column approvers_asked_at timestamptz;
create table approval_links (
    token_hash    text        primary key,
    tenant_id     uuid        not null,
    run_id        uuid        not null,
    position      int         not null,
    contact_id    uuid        not null,
    contact_name  text        not null,
    created_at    timestamptz not null,
    expires_at    timestamptz not null,
    used_at       timestamptz,
    decision      text        check (decision in ('APPROVED', 'DENIED')),
    foreign key (run_id, position) references playbook_steps (run_id, position) on delete cascade
);
create index approval_links_step on approval_links (run_id, position);
create index playbook_steps_unasked on playbook_steps (waiting_since) where status = 'WAITING_APPROVAL' and approvers_asked_at is null;
alter table approval_links enable row level security;
alter table approval_links force row level security;
create policy tenant_isolation on approval_links using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));
