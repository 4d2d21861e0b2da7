-- Run once, by `vigil infra up`, right after initdb, in single-user mode as the superuser.
-- One database per purpose (vigil for running, vigil_test for the test suite); in each, every service has
-- an owner role (runs Flyway, owns its schema) and an app role (what the service connects as at run time:
-- not the owner, no BYPASSRLS, so row-level security always applies to it).

create role tenant_owner login password 'vigil';
create role tenant_app login password 'vigil' nobypassrls;
create role ingest_owner login password 'vigil';
create role ingest_app login password 'vigil' nobypassrls;
create role detection_owner login password 'vigil';
create role detection_app login password 'vigil' nobypassrls;
create role cases_owner login password 'vigil';
create role cases_app login password 'vigil' nobypassrls;
create role reporting_owner login password 'vigil';
create role reporting_app login password 'vigil' nobypassrls;

create database vigil;

create database vigil_test;
