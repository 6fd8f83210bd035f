-- Exercises of the catalog. Retired exercises stay: history points at them.
create table exercise (
    id            uuid primary key,
    slug          text        not null unique,
    name          text        not null,
    summary       text        not null,
    instructions  text[]      not null,
    kind          text        not null check (kind in ('STRETCH', 'STRENGTH', 'MOBILITY')),
    regions       text[]      not null,
    measurement   text        not null check (measurement in ('HOLD', 'REPS')),
    sided         boolean     not null,
    hold_seconds  int check (hold_seconds between 1 and 600),
    reps_min      int check (reps_min between 1 and 100),
    reps_max      int check (reps_max between 1 and 100),
    sets          int         not null check (sets between 1 and 20),
    safety_cues   text[]      not null,
    status        text        not null check (status in ('PUBLISHED', 'RETIRED')),
    version       bigint      not null,
    updated_at    timestamptz not null default now(),
    check (reps_min <= reps_max)
);

create index exercise_status on exercise (status);
create index exercise_regions on exercise using gin (regions);
