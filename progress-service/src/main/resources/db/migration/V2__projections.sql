-- Projections of workout.session-events. The facts (session_fact, set_fact) are what the events said; the
-- rollups (daily_exercise, daily_activity, active_run, pain_flag, user_totals) are derived from the facts of the
-- keys a batch touched, so a deletion reverses exactly and a late event lands where it belongs. Every query reads
-- a bounded window of these tables by (user, day): its cost does not grow with the length of a user's history.

-- One row per session: the started and completed events, and the aggregates of its live sets.
create table session_fact (
    session_id    uuid primary key,
    user_id       text        not null,
    routine_id    uuid,
    started_at    timestamptz not null,
    ended_at      timestamptz,
    time_zone     text        not null,
    local_day     date        not null,
    pain_before   smallint,
    pain_after    smallint,
    completed     boolean     not null default false,
    sets          int         not null default 0,
    hold_seconds  bigint      not null default 0,
    reps          bigint      not null default 0,
    max_pain      smallint
);
create index session_fact_user_day on session_fact (user_id, local_day);

-- One row per set; a deleted set stays as a tombstone so a redelivered recording cannot bring it back.
create table set_fact (
    set_id              uuid primary key,
    session_id          uuid        not null,
    user_id             text        not null,
    exercise_id         uuid        not null,
    side                text        not null check (side in ('', 'LEFT', 'RIGHT')),
    local_day           date        not null,
    recorded_at         timestamptz not null,
    hold_seconds        int,
    reps                int,
    target_hold_seconds int,
    target_reps         int,
    pain                smallint,
    deleted             boolean     not null default false
);
create index set_fact_session on set_fact (session_id);
create index set_fact_user_exercise_day on set_fact (user_id, exercise_id, local_day);
create index set_fact_user_day on set_fact (user_id, local_day);

-- What the events said about each exercise (name, regions, measurement, sided), and what the catalog says
-- (kind, prescription) once catalog.exercises has been read.
create table exercise_ref (
    exercise_id    uuid primary key,
    slug           text    not null,
    name           text    not null,
    regions        text[]  not null,
    measurement    text    not null,
    sided          boolean not null,
    kind           text,
    hold_seconds   int,
    reps_min       int,
    reps_max       int,
    sets           int,
    catalog_version bigint
);

-- Per user, day (in the session's time zone), exercise and side ('' when the exercise is not sided).
create table daily_exercise (
    user_id        text   not null,
    exercise_id    uuid   not null,
    side           text   not null,
    local_day      date   not null,
    sets           int    not null,
    hold_sets      int    not null,
    hold_seconds   bigint not null,
    best_hold      int,
    reps           bigint not null,
    best_reps      int,
    pain_sum       int    not null,
    pain_count     int    not null,
    max_pain       smallint,
    primary key (user_id, exercise_id, side, local_day)
);
create index daily_exercise_user_day on daily_exercise (user_id, local_day);

-- Per user and day: what was done, and the sessions' pain before and after.
create table daily_activity (
    user_id           text   not null,
    local_day         date   not null,
    sessions          int    not null,
    sets              int    not null,
    hold_seconds      bigint not null,
    reps              bigint not null,
    duration_seconds  bigint not null,
    pain_before_sum   int    not null,
    pain_before_count int    not null,
    pain_after_sum    int    not null,
    pain_after_count  int    not null,
    primary key (user_id, local_day)
);

-- Runs of consecutive active days (a day with at least one live set): streaks without scanning history.
create table active_run (
    user_id    text not null,
    first_day  date not null,
    last_day   date not null,
    days       int  not null generated always as (last_day - first_day + 1) stored,
    primary key (user_id, first_day)
);
create index active_run_user_last on active_run (user_id, last_day desc);
create index active_run_user_days on active_run (user_id, days desc);

-- The article: never strain or cause pain. A set with pain >= 7, or pain rising by 3 or more within a session.
create table pain_flag (
    session_id   uuid        not null,
    position     int         not null,
    user_id      text        not null,
    kind         text        not null check (kind in ('HIGH_PAIN', 'PAIN_RISE')),
    local_day    date        not null,
    occurred_at  timestamptz not null,
    pain         smallint    not null,
    pain_from    smallint,
    set_id       uuid,
    exercise_id  uuid,
    primary key (session_id, position)
);
create index pain_flag_user_time on pain_flag (user_id, occurred_at desc);

-- The user's time zone: the one of their latest session, to know what "today" is for the current streak.
create table user_profile (
    user_id        text primary key,
    time_zone      text        not null,
    zone_since     timestamptz not null
);

-- Coaches a user shares their progress with.
create table coach_share (
    user_id     text        not null,
    coach_id    text        not null,
    shared_at   timestamptz not null default now(),
    primary key (user_id, coach_id)
);
create index coach_share_coach on coach_share (coach_id);

-- Routines as the catalog publishes them on catalog.routines: the weekly target for adherence.
create table routine_ref (
    routine_id     uuid primary key,
    slug           text   not null,
    name           text   not null,
    weekly_target  int    not null,
    status         text   not null,
    catalog_version bigint not null
);
