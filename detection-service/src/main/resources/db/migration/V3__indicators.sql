-- Threat-intel indicators: provider-wide (tenant_id null) or one tenant's own. A tenant sees the
-- provider's and its own; only staff serving every tenant may write provider-wide rows.
create table indicators (
    id           uuid primary key,
    tenant_id    uuid,
    type         text        not null,
    value        text        not null,
    name         text,
    source       text        not null,
    context      text,
    valid_from   timestamptz,
    valid_until  timestamptz,
    imported_at  timestamptz not null
);
create unique index indicators_natural_key on indicators (coalesce(tenant_id, '00000000-0000-0000-0000-000000000000'), type, value, source);
alter table indicators enable row level security;
alter table indicators force row level security;
create policy tenant_isolation on indicators
    using (tenant_id is null or tenant_visible(tenant_id))
    with check ((tenant_id is null and current_setting('app.tenant_ids', true) = '*') or tenant_visible(tenant_id));
