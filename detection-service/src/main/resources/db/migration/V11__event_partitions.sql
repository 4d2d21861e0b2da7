-- Daily partitions of the event store, managed by the service through these two functions: the service's
-- role owns no table and cannot create or drop any, so the functions run as their owner and do exactly
-- one thing each, on partitions named events_pYYYYMMDD only.

-- Creates the partition of one UTC day if it is missing; that day's events waiting in the default
-- partition move into it (PostgreSQL refuses a partition whose rows sit in the default one).
-- Returns how many events moved, or -1 when the partition was there already.
create function ensure_event_partition(day date) returns bigint
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
    execute format('insert into %I select * from moving_events', part);
    drop table moving_events;
    return moved;
end
$$;

-- Drops the partition of one UTC day (its events go with it); false when there was none.
create function drop_event_partition(day date) returns boolean
    language plpgsql security definer set search_path = ${flyway:defaultSchema}, pg_temp as
$$
declare
    part text := 'events_p' || to_char(day, 'YYYYMMDD');
begin
    if to_regclass(part) is null then
        return false;
    end if;
    execute format('drop table %I', part);
    return true;
end
$$;

revoke all on function ensure_event_partition(date) from public;
revoke all on function drop_event_partition(date) from public;
grant execute on function ensure_event_partition(date) to ${app_role};
grant execute on function drop_event_partition(date) to ${app_role};
