-- A partition made from now on carries the tenant policy in the form the platform's afterMigrate.sql gives
-- every other policy: the tenant set read once per statement (an InitPlan), and '*' never meaning every
-- tenant. Partitions made before are rewritten by that callback.
create or replace function protect_event_partition(part regclass) returns void
    language plpgsql set search_path = ${flyway:defaultSchema}, pg_temp as
$$
begin
    execute format('alter table %s enable row level security', part);
    execute format('alter table %s force row level security', part);
    if not exists (select 1 from pg_policies where schemaname = '${flyway:defaultSchema}'
                   and tablename = (select relname from pg_class where oid = part) and policyname = 'tenant_isolation') then
        execute format('create policy tenant_isolation on %s using (tenant_id = any ((select tenant_scope())::uuid[])) '
                       'with check (tenant_id = any ((select tenant_scope())::uuid[]))', part);
        execute format('create policy partition_maintenance on %s to %I using (true) with check (true)', part,
                       '${flyway:user}');
    end if;
end
$$;
revoke all on function protect_event_partition(regclass) from public;
