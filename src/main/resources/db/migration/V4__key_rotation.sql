-- A key signs from activates_at on; it is published in the JWK Set before that (so verifiers'
-- caches know it in time) and after it is superseded, until its last tokens have expired.
ALTER TABLE signing_key ADD COLUMN activates_at BIGINT;
UPDATE signing_key SET activates_at = created_at;
ALTER TABLE signing_key ALTER COLUMN activates_at SET NOT NULL;
