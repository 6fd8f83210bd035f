-- Erasure (workout.user.erased.v1) deletes every row of a person, processed-event ids included: each claim now
-- names the user whose event it was. Claims written before this migration have no user (an event id and type,
-- nothing about the person); a rebuild writes every claim again with its user.
alter table processed_event add column user_id text;
create index processed_event_user on processed_event (user_id);
