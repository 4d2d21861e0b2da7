-- The provider's detection rule catalog: Sigma rules as written (YAML) with their metadata, versioned.
-- Rules are provider content, not tenant data; which tenant runs which rule is a later, tenant-owned table.
create table rules (
    id          text primary key,
    version     int         not null,
    title       text        not null,
    author      text,
    level       text,
    status      text,
    yaml        text        not null,
    enabled     boolean     not null default true,
    imported_at timestamptz not null
);
