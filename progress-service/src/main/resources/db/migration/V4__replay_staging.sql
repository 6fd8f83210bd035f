-- A rebuild copies every set event and every event id of the replay here (COPY into tables without indexes or WAL)
-- and moves them into set_fact and processed_event once at the end, sorted by key: a set's first event decides its
-- row and a deletion in any of its events marks it deleted (what the live consumer does event by event); an event
-- seen twice is processed once. Unlogged: after a crash a rebuild starts again anyway.
create unlogged table replay_set (
    seq                 bigint generated always as identity,
    set_id              uuid        not null,
    session_id          uuid        not null,
    user_id             text        not null,
    exercise_id         uuid        not null,
    side                text        not null,
    local_day           date        not null,
    recorded_at         timestamptz not null,
    hold_seconds        int,
    reps                int,
    target_hold_seconds int,
    target_reps         int,
    pain                smallint,
    deleted             boolean     not null
);
create unlogged table replay_event (
    event_id uuid not null,
    type     text not null
);
