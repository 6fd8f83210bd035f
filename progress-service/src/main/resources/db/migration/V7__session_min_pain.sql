-- A session's lowest set pain beside its highest: together they bound every pain rise within the session, so the
-- pain flags' rollup looks at a session's readings only when a flag is possible. Kept like max_pain, from live sets.
alter table session_fact add column min_pain smallint;

update session_fact s set min_pain = m.min_pain
from (select session_id, min(pain) as min_pain from set_fact where not deleted group by session_id) m
where m.session_id = s.session_id;
