-- Why a prescription differs from the article's default for stretches (hold 30 s, repeat 5 to 10 times).
alter table exercise add column prescription_note text;
-- The version last written to the outbox; lower (or null) means catalog.exercises still lacks this version.
alter table exercise add column published_version bigint;

-- Routines: ordered entries that reference exercises, each may override the exercise's prescription.
create table routine (
    id             uuid primary key,
    slug           text        not null unique,
    name           text        not null,
    description    text        not null,
    weekly_target  int         not null check (weekly_target between 1 and 14),
    status         text        not null check (status in ('PUBLISHED', 'RETIRED')),
    version        bigint      not null,
    updated_at     timestamptz not null default now()
);

create table routine_entry (
    routine_id    uuid not null references routine (id) on delete cascade,
    position      int  not null,
    exercise_id   uuid not null references exercise (id),
    hold_seconds  int check (hold_seconds between 1 and 600),
    reps_min      int check (reps_min between 1 and 100),
    reps_max      int check (reps_max between 1 and 100),
    sets          int check (sets between 1 and 20),
    primary key (routine_id, position)
);

-- The article's general stretching tips, in its order.
create table guideline (
    position  int primary key,
    code      text not null unique,
    category  text not null check (category in ('SAFETY', 'TECHNIQUE', 'PRESCRIPTION', 'PREPARATION')),
    title     text not null,
    text      text not null
);
