-- The steps of each routine as the catalog publishes them on catalog.routines (part of the catalog replica, like
-- routine_ref: not a projection of the session topic, so a rebuild keeps it). The prescription columns are the
-- routine's overrides, null where the exercise's own prescription (exercise_ref) applies; the effective prescription
-- is the exercise's with these non-null values replacing its own. Written together with routine_ref: a newer
-- version of a routine replaces all of its entries.
create table routine_entry_ref (
    routine_id   uuid not null,
    position     int  not null,
    exercise_id  uuid not null,
    hold_seconds int,
    reps_min     int,
    reps_max     int,
    sets         int,
    primary key (routine_id, position)
);
