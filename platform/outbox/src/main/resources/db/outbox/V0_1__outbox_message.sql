-- The transactional outbox: a row per event, written in the transaction that made the change.
-- seq orders publication; for one key, writers serialise on the aggregate, so seq order is commit order.
create table outbox_message (
    seq          bigserial primary key,
    id           uuid        not null unique,
    topic        text        not null,
    message_key  text        not null,
    type         text        not null,
    payload      text        not null,
    created_at   timestamptz not null default now(),
    published_at timestamptz
);

create index outbox_message_unpublished on outbox_message (seq) where published_at is null;
