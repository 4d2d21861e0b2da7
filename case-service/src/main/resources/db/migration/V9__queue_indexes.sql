-- The queue's common narrowings keep its SLA order on an index: one status (NEW, the triage pool) and one
-- tenant (a client's own people, an analyst looking at one client). Measured with ./vigil bench cases
-- (200,000 cases over 100 tenants): without them a status or tenant page scanned the whole SLA index.
create index cases_status_sla_idx on cases (status, sla_urgency desc, id desc);
create index cases_tenant_sla_idx on cases (tenant_id, sla_urgency desc, id desc);
