-- A rebuild runs in the background (POST /progress/admin/rebuild answers 202): its state, for
-- GET /progress/admin/rebuilds/{id} on any instance, and for a restart to find one it interrupted.
create table rebuild_run (
    id                uuid primary key,
    state             text        not null check (state in ('running', 'done', 'failed')),
    started_at        timestamptz not null,
    finished_at       timestamptz,
    users             bigint,
    records           bigint,
    applied           bigint,
    poison_skipped    bigint,
    duration_millis   bigint,
    events_per_second bigint,
    error             text
);
create index rebuild_run_started on rebuild_run (started_at desc);

-- How fresh the answers are: the time the last event was applied (max(processed_at)) through an index.
create index processed_event_processed_at on processed_event (processed_at);
