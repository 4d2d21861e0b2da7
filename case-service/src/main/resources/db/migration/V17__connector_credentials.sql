-- Connectors gain settings (not secret: an LDAP base DN, a Keycloak realm) and a credential sealed with
-- AES-GCM under a key from the environment, named by its id so keys can rotate. The API never returns it.
alter table connectors add column settings jsonb not null default '{}';
alter table connectors add column secret bytea;
alter table connectors add column secret_key_id text;
alter table connectors drop constraint connectors_kind_check;
alter table connectors add constraint connectors_kind_check check (kind in ('WEBHOOK', 'LDAP', 'KEYCLOAK'));
