-- The people who used the progress-service, as their tokens name them: what sharing needs to find a coach by user
-- name or e-mail (nobody knows a UUID), and to show a coach who shares with them by name. Written when a person
-- reads their progress or their shares; only the user name, e-mail, display name and whether they are a coach.
create table person (
    user_id      text primary key,
    username     text        not null,
    email        text,
    display_name text,
    coach        boolean     not null default false,
    seen_at      timestamptz not null default now()
);
create unique index person_username on person (lower(username));
create index person_email on person (lower(email));
