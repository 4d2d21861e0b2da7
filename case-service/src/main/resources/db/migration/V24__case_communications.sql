-- Who was told what, when: every communication about a case to a stakeholder (client IT, legal,
-- communications, executive, regulator), by channel, with what was said (rendered from the audience's template).
create table case_communications (
    id           uuid primary key,
    tenant_id    uuid        not null,
    case_id      uuid        not null references cases (id),
    audience     text        not null check (audience in ('CLIENT_IT', 'LEGAL', 'COMMUNICATIONS', 'EXECUTIVE', 'REGULATOR')),
    recipient    text        not null,
    channel      text        not null check (channel in ('EMAIL', 'PHONE', 'MEETING', 'PORTAL', 'LETTER', 'WEBHOOK')),
    sent_at      timestamptz not null,
    subject      text        not null,
    body         text        not null,
    template     text,
    recorded_by  text        not null,
    recorded_at  timestamptz not null
);
create index case_communications_case_idx on case_communications (case_id, sent_at);
alter table case_communications enable row level security;
alter table case_communications force row level security;
create policy tenant_isolation on case_communications using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));
