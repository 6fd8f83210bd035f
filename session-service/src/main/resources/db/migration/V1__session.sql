-- Workout sessions and their sets. A session's id is chosen by the client, so retries are safe.
create table workout_session (
    id           uuid primary key,
    user_id      text        not null,
    routine_id   uuid,
    started_at   timestamptz not null,
    ended_at     timestamptz,
    time_zone    text        not null,
    pain_before  int check (pain_before between 0 and 10),
    pain_after   int check (pain_after between 0 and 10),
    notes        text,
    status       text        not null check (status in ('IN_PROGRESS', 'COMPLETED')),
    created_at   timestamptz not null default now()
);

create index workout_session_user_started on workout_session (user_id, started_at);

create table workout_set (
    id                  uuid primary key,
    session_id          uuid        not null references workout_session (id),
    exercise_id         uuid        not null,
    side                text check (side in ('LEFT', 'RIGHT')),
    hold_seconds        int check (hold_seconds between 1 and 600),
    reps                int check (reps between 1 and 200),
    target_hold_seconds int check (target_hold_seconds between 1 and 600),
    target_reps         int check (target_reps between 1 and 200),
    pain                int check (pain between 0 and 10),
    recorded_at         timestamptz not null,
    check ((hold_seconds is null) <> (reps is null))
);

create index workout_set_session on workout_set (session_id, recorded_at);
