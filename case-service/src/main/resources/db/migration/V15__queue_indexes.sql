-- The tier pools (tier 2's in-progress cases, tier 1's new ones) in SLA order straight from an index, and the
-- priority order's keyset (priority, id) without a sort. Measured with ./vigil bench cases (200,000 cases over
-- 100 tenants): a tier and status page that matched nothing scanned every case of the status, 15 ms.
create index cases_tier_status_sla_idx on cases (tier, status, sla_urgency desc, id desc);
drop index cases_queue_idx;
create index cases_priority_idx on cases (priority desc, id desc);
