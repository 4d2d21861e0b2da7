-- Which incident-notification regimes apply to a client (NIS2, GDPR, DORA), and an SLA target for
-- resolution beside acknowledge, triage, contain and notify (null: no resolution promise).
alter table tenants add column regulatory_regimes text[] not null default '{}';
alter table sla_defaults add column resolve_mins int check (resolve_mins > 0);
alter table sla_overrides add column resolve_mins int check (resolve_mins > 0);
update sla_defaults set resolve_mins = case severity
    when 'CRITICAL' then 1440 when 'HIGH' then 2880 when 'MEDIUM' then 7200 else 14400 end;
