-- The routine version last written to the outbox; lower (or null) means catalog.routines still lacks this version.
alter table routine add column published_version bigint;
