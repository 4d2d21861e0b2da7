-- Platform tables every service that publishes or consumes gets in its own schema.
-- Neither holds tenant data beyond ids and is read by no API: the relay and the consumers need every
-- tenant's rows, so these two tables are deliberately outside row-level security (see docs/adr/0002).

create table stream_outbox (
    id             uuid primary key,
    tenant_id      uuid        not null,
    stream         text        not null,
    type           text        not null,
    schema_version int         not null,
    occurred_at    timestamptz not null,
    payload        text        not null,
    created_at     timestamptz not null default clock_timestamp()
);
create index stream_outbox_created_idx on stream_outbox (created_at, id);

create table stream_inbox (
    consumer_group text        not null,
    message_id     uuid        not null,
    tenant_id      uuid        not null,
    processed_at   timestamptz not null default now(),
    primary key (consumer_group, message_id)
);
