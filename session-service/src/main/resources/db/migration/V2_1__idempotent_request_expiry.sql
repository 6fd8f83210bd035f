-- Idempotency-Key records (platform/idempotency): a replay also answers the first answer's ETag; a record
-- expires backcare.idempotency.retention after created_at (which a taken-over claim renews), and a purge
-- deletes it. The index on created_at (V2) serves the purge.
alter table idempotent_request add column etag text;
