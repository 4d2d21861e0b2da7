-- Run once per database (vigil, vigil_test) right after bootstrap.sql, in single-user mode.
-- Each service owns one schema; nobody else may create anything in public.

revoke create on schema public from public;

create schema tenant authorization tenant_owner;

create schema ingest authorization ingest_owner;

create schema detection authorization detection_owner;

create schema cases authorization cases_owner;

create schema reporting authorization reporting_owner;
