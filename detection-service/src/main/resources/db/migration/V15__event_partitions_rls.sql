-- Row-level security on every partition of the event store. A policy on the partitioned parent does not
-- apply when a partition is named directly (select * from events_default), so before this the service's
-- role, with no tenant set, could read every tenant's events from a partition and write a foreign row
-- into one. Each partition now carries the parent's policy, forced, from the moment it exists.
--
-- The partition functions run as this schema's owner (security definer) and must move a day's events out
-- of the default partition whatever their tenant: a second policy admits exactly that role, and only that
-- role, to all rows. The role the service connects as is not it.

create function protect_event_partition(part regclass) returns void
    language plpgsql set search_path = ${flyway:defaultSchema}, pg_temp as
$$
begin
    execute format('alter table %s enable row level security', part);
    execute format('alter table %s force row level security', part);
    if not exists (select 1 from pg_policies where schemaname = '${flyway:defaultSchema}'
                   and tablename = (select relname from pg_class where oid = part) and policyname = 'tenant_isolation') then
        execute format('create policy tenant_isolation on %s using (tenant_visible(tenant_id)) '
                       'with check (tenant_visible(tenant_id))', part);
        execute format('create policy partition_maintenance on %s to %I using (true) with check (true)', part,
                       '${flyway:user}');
    end if;
end
$$;
revoke all on function protect_event_partition(regclass) from public;

select protect_event_partition(inhrelid::regclass) from pg_inherits where inhparent = 'events'::regclass;

create or replace function ensure_event_partition(day date) returns bigint
    language plpgsql security definer set search_path = ${flyway:defaultSchema}, pg_temp as
$$
declare
    part  text        := 'events_p' || to_char(day, 'YYYYMMDD');
    lo    timestamptz := day::timestamp at time zone 'UTC';
    hi    timestamptz := (day + 1)::timestamp at time zone 'UTC';
    moved bigint;
begin
    if to_regclass(part) is not null then
        return -1;
    end if;
    create temporary table moving_events on commit drop as
        select * from events_default where ts >= lo and ts < hi;
    delete from events_default where ts >= lo and ts < hi;
    get diagnostics moved = row_count;
    execute format('create table %I partition of events for values from (%L) to (%L)', part, lo, hi);
    perform protect_event_partition(part::regclass);
    execute format('insert into %I select * from moving_events', part);
    drop table moving_events;
    return moved;
end
$$;
