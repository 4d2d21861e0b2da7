-- Each tenant's monthly report, as generated (on the first day of the month in the tenant's zone, or on
-- demand): its figures as JSON and its PDF, so what the CIO downloads later is what was sent.
create table monthly_reports (
    tenant_id     uuid        not null,
    month         text        not null check (month ~ '^[0-9]{4}-[0-9]{2}$'),
    generated_at  timestamptz not null,
    generated_by  text        not null,
    trigger       text        not null check (trigger in ('SCHEDULED', 'ON_DEMAND')),
    content       json        not null, -- json, not jsonb: kept as generated, byte for byte
    pdf           bytea       not null,
    pdf_bytes     int         not null,
    primary key (tenant_id, month)
);
alter table monthly_reports enable row level security;
alter table monthly_reports force row level security;
create policy tenant_isolation on monthly_reports using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));
-- When reporting first heard of the tenant: no scheduled report covers a month before it existed.
alter table tenant_facts add column first_seen_at timestamptz;
select set_config('app.tenant_ids', '*', true);
update tenant_facts set first_seen_at = updated_at;
