-- The inbox records which messages each consumer group applied, per tenant. The consumer writes it with the
-- message's tenant set (MessageProcessor), so it lives under the same wall as every other tenant row.
alter table stream_inbox enable row level security;
alter table stream_inbox force row level security;
create policy tenant_isolation on stream_inbox using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));
