-- Row-level security on the two stream tables every service has (repeatable: Flyway runs it after the
-- service's own migrations, and again whenever this file changes, so it is written to be re-run).
--
-- The inbox records which messages a consumer group applied; the consumer writes it with the message's
-- tenant set (MessageProcessor), so it lives under the same wall as every other tenant row.
alter table stream_inbox enable row level security;
alter table stream_inbox force row level security;
drop policy if exists tenant_isolation on stream_inbox;
create policy tenant_isolation on stream_inbox using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));

-- The outbox holds what a service is about to publish: alerts, verdicts, tenant events, each a tenant's
-- data. A service writes its rows in its own tenant's transaction; the relay, which publishes every
-- tenant's rows, has no tenant and reads them only through the two functions below, which run as this
-- schema's owner: the only role the 'relay' policy admits to all rows. The role serving requests sees
-- the outbox rows of its own tenants and nothing else.
alter table stream_outbox enable row level security;
alter table stream_outbox force row level security;
drop policy if exists tenant_isolation on stream_outbox;
create policy tenant_isolation on stream_outbox using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));
drop policy if exists relay on stream_outbox;
create policy relay on stream_outbox to ${flyway:user} using (true) with check (true);

-- The oldest rows waiting, locked for the calling transaction (several relays skip each other's rows).
create or replace function outbox_claim(n int) returns setof stream_outbox
    language sql security definer set search_path = ${flyway:defaultSchema}, pg_temp as
$$
select * from stream_outbox order by created_at, id limit n for update skip locked
$$;

-- Removes rows the relay published.
create or replace function outbox_done(ids uuid[]) returns int
    language sql security definer set search_path = ${flyway:defaultSchema}, pg_temp as
$$
with gone as (delete from stream_outbox where id = any (ids) returning 1) select count(*)::int from gone
$$;

revoke all on function outbox_claim(int) from public;
revoke all on function outbox_done(uuid[]) from public;
grant execute on function outbox_claim(int) to ${app_role};
grant execute on function outbox_done(uuid[]) to ${app_role};
