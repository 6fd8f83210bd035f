-- A rebuild drops the projections' secondary indexes while it bulk-writes and builds them again at the end (much
-- cheaper than keeping them up to date row by row). Their definitions wait here in between, so that a rebuild that
-- is interrupted gets them back at the next start of the service or the next rebuild.
create table rebuild_dropped_index (
    name        text primary key,
    definition  text not null
);
