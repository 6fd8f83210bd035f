-- What a rebuild of the progress needs to re-express the current state as the events that produced it
-- (GET /admin/session-history), with the same ids and times as the live events:
-- revision counts the corrections of a set (workout.set.corrected.v1's id is derived from it); created_at is
-- when a set was recorded (its set.recorded event's time); completed_at when a session was completed.
alter table workout_set add column revision int not null default 0 check (revision >= 0);
alter table workout_set add column created_at timestamptz;
-- sets recorded before this migration: their recordedAt stands in for the time their event was written
update workout_set set created_at = recorded_at;
alter table workout_set alter column created_at set default now();
alter table workout_set alter column created_at set not null;

alter table workout_session add column completed_at timestamptz;
update workout_session set completed_at = ended_at where status = 'COMPLETED';

-- the history stream reads every user's sessions in order of user, start and id, a page at a time
drop index workout_session_user_started;
create index workout_session_user_started on workout_session (user_id, started_at, id);

-- Ids of deleted (and erased) sessions and sets, and nothing else: never taken again. Their events' ids derive from
-- them (EventIds), so a consumer that processed the events of an id's first life would drop those of a second life
-- as already processed. A deleted session uploaded again is refused (409) instead.
create table retired_id (
    id         uuid primary key,
    retired_at timestamptz not null default now()
);
