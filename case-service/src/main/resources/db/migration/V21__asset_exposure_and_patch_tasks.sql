-- What tenant-service's scanner imports say is open on each asset (tenant.asset.exposure-changed): the CVEs
-- that are high or critical or on CISA's Known Exploited Vulnerabilities catalog. A case's priority names them.
create table asset_exposure (
    tenant_id     uuid        not null,
    hostname      text        not null,
    fqdn          text,
    asset_id      uuid        not null,
    open_findings int         not null,
    exposure      jsonb       not null,
    scanner       text        not null,
    scanned_at    timestamptz not null,
    updated_at    timestamptz not null,
    primary key (tenant_id, hostname)
);
create index asset_exposure_fqdn_idx on asset_exposure (tenant_id, fqdn);
alter table asset_exposure enable row level security;
alter table asset_exposure force row level security;
create policy tenant_isolation on asset_exposure using (tenant_visible(tenant_id)) with check (tenant_visible(tenant_id));

-- A patch task is a case task for one CVE on one asset, closed when a later scan no longer finds it.
alter table case_tasks add column kind text not null default 'TASK' check (kind in ('TASK', 'PATCH'));
alter table case_tasks add column cve text;
alter table case_tasks add column asset_id uuid;
alter table case_tasks add column host text;
alter table case_tasks add constraint case_tasks_patch_check check (kind <> 'PATCH' or (cve is not null and host is not null));
create index case_tasks_open_patch_idx on case_tasks (tenant_id, asset_id, cve) where kind = 'PATCH' and status = 'OPEN';
