-- The service connects at run time as ${app_role}: it may read and write the tables of this schema, but
-- owns none of them, so it can neither change them nor escape their row-level security policies.
grant usage on schema ${flyway:defaultSchema} to ${app_role};
alter default privileges in schema ${flyway:defaultSchema}
    grant select, insert, update, delete on tables to ${app_role};
alter default privileges in schema ${flyway:defaultSchema}
    grant usage, select on sequences to ${app_role};
