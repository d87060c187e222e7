-- A refresh token is found by the SHA-256 of its value, which is unique: let that be the key, and
-- drop the random UUID key that nothing looked up (db/postgresql has the same change).
ALTER TABLE refresh_token DROP PRIMARY KEY;
ALTER TABLE refresh_token DROP COLUMN id;
DROP INDEX refresh_token_hash;
ALTER TABLE refresh_token ADD CONSTRAINT refresh_token_pkey PRIMARY KEY (token_hash);
