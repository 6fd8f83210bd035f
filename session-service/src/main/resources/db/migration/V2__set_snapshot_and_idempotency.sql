-- Each set keeps the exercise as it was when recorded, so its events (recorded, deleted) carry the same
-- snapshot even after the catalog changes the exercise.
alter table workout_set add column exercise_slug text;
alter table workout_set add column exercise_name text;
alter table workout_set add column exercise_regions text[];
alter table workout_set add column exercise_measurement text;
alter table workout_set add column exercise_sided boolean;

-- Responses to POSTs that carried an Idempotency-Key: a retry with the same body gets the same answer.
create table idempotent_request (
    user_id       text        not null,
    idempotency_key text      not null,
    method_path   text        not null,
    request_hash  text        not null,
    status        int         not null,
    response_body text,
    location      text,
    created_at    timestamptz not null default now(),
    primary key (user_id, idempotency_key)
);

create index idempotent_request_created on idempotent_request (created_at);

-- The local replica of the catalog, fed by catalog.exercises; sets are validated against it.
create table exercise_replica (
    id           uuid primary key,
    slug         text    not null,
    name         text    not null,
    regions      text[]  not null,
    measurement  text    not null,
    sided        boolean not null,
    status       text    not null,
    version      bigint  not null,
    updated_at   timestamptz not null default now()
);
