-- The live events applied while a rebuild builds its new tables (ProjectionRebuild): each live batch appends its
-- events here in the transaction that applies them to the live tables, and the rebuild applies them to the new
-- tables too, taking each out as it does, before it swaps the new tables in. Empty whenever no rebuild runs.
create table rebuild_backlog (
    seq   bigserial primary key,
    event text not null
);
