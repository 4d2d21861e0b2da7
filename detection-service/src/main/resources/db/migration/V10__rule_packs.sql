-- The pack a rule came in (SigmaHQ's core, emerging-threats, threat-hunting, ... or the provider's own),
-- so tenants can take or leave whole packs.
alter table rules add column pack text not null default 'custom';
update rules set pack = 'emerging-threats' where yaml ~* '\n\s*-\s*detection\.emerging-threats';
update rules set pack = 'threat-hunting' where yaml ~* '\n\s*-\s*detection\.threat-hunting';
update rules set pack = 'dfir' where yaml ~* '\n\s*-\s*detection\.dfir';
create index rules_pack_idx on rules (pack, id);
alter table tenant_rule_settings add column disabled_packs text[] not null default '{}';
