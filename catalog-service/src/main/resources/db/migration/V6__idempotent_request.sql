-- Answers to POSTs (/exercises, /routines) that carried an Idempotency-Key (platform/idempotency): a retry with
-- the same key and body gets the same answer. A record expires backcare.idempotency.retention after created_at
-- (which a taken-over claim renews); a purge deletes it.
create table idempotent_request (
    user_id         text        not null,
    idempotency_key text        not null,
    method_path     text        not null,
    request_hash    text        not null,
    status          int         not null,
    response_body   text,
    location        text,
    etag            text,
    created_at      timestamptz not null default now(),
    primary key (user_id, idempotency_key)
);

create index idempotent_request_created on idempotent_request (created_at);
