-- A shift names the tenants it covers: a reader sees a shift that covers every tenant (none listed) or at
-- least one tenant they serve, and may write only such a shift. The same test as tenant_visible(), on a set.
create function tenants_visible_any(ts uuid[]) returns boolean
    language sql stable parallel safe as
$$
select case coalesce(current_setting('app.tenant_ids', true), '')
           when '' then false
           when '*' then true
           else ts is null or ts && string_to_array(current_setting('app.tenant_ids', true), ',')::uuid[]
       end
$$;
alter table shifts enable row level security;
alter table shifts force row level security;
create policy tenant_isolation on shifts using (tenants_visible_any(tenant_ids)) with check (tenants_visible_any(tenant_ids));
