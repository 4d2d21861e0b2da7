-- '*' no longer stands for every tenant (see the platform's afterMigrate.sql): a provider-wide caller names
-- every tenant. The shifts policy itself is rewritten there to read the tenant set once per statement;
-- this keeps the function, should anything still call it, to the same meaning.
create or replace function tenants_visible_any(ts uuid[]) returns boolean
    language sql stable parallel safe as
$$
select coalesce(current_setting('app.tenant_ids', true), '') <> ''
       and (ts is null or ts && array_remove(string_to_array(current_setting('app.tenant_ids', true), ','), '*')::uuid[])
$$;
