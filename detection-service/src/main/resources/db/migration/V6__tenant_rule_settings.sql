-- Which rules raise alerts for a tenant: a minimum level, the statuses taken (stable, test,
-- experimental...), tags and rule ids switched off. No row: every enabled rule of the catalog.
create table tenant_rule_settings (
    tenant_id      uuid primary key,
    min_level      text   not null default 'informational'
                   check (min_level in ('informational', 'low', 'medium', 'high', 'critical')),
    statuses       text[] not null default '{}',
    disabled_tags  text[] not null default '{}',
    disabled_rules text[] not null default '{}',
    updated_at     timestamptz not null
);
alter table tenant_rule_settings enable row level security;
alter table tenant_rule_settings force row level security;
create policy tenant_isolation on tenant_rule_settings using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));
