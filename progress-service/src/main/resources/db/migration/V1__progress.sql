-- Events already applied: recorded in the same transaction as their effect, so redelivery changes nothing.
create table processed_event (
    event_id     uuid primary key,
    type         text        not null,
    processed_at timestamptz not null default now()
);

-- Running totals per user.
create table user_totals (
    user_id      text primary key,
    sessions     bigint      not null default 0,
    sets         bigint      not null default 0,
    hold_seconds bigint      not null default 0,
    reps         bigint      not null default 0,
    updated_at   timestamptz not null default now()
);
