-- The service connects at run time as ${app_role}: it may read and write the tables of this schema, but
-- owns none of them, so it can neither change them nor escape their row-level security policies.
grant usage on schema ${flyway:defaultSchema} to ${app_role};
alter default privileges in schema ${flyway:defaultSchema}
    grant select, insert, update, delete on tables to ${app_role};
alter default privileges in schema ${flyway:defaultSchema}
    grant usage, select on sequences to ${app_role};

-- Row-level security reads the tenant set of the current transaction from app.tenant_ids, which the
-- service sets on every connection it takes from its pool: comma separated tenant ids, '*' for provider
-- staff assigned to every tenant, empty (or unset) for no tenant at all, which admits no row.
create function tenant_visible(t uuid) returns boolean
    language sql stable parallel safe as
$$
select case coalesce(current_setting('app.tenant_ids', true), '')
           when '' then false
           when '*' then true
           else t = any (string_to_array(current_setting('app.tenant_ids', true), ',')::uuid[])
       end
$$;
