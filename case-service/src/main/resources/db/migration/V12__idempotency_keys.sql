-- Creates repeated with the same Idempotency-Key answer what the first one answered, instead of creating
-- again. A key belongs to its caller; the answer is replayed only while the caller still sees what it is
-- about. Keys live 24 hours. No tenant column: a row is read by its owner only, and only after that check.
create table idempotency_keys (
    owner        text        not null,
    key          text        not null,
    scope        text        not null,
    fingerprint  text        not null,
    status       int,
    location     text,
    body         text,
    created_at   timestamptz not null,
    primary key (owner, key)
);
create index idempotency_keys_age_idx on idempotency_keys (created_at);
