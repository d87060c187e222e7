-- A refresh token is found by the SHA-256 of its value, which is unique: let that be the key, and
-- drop the random UUID key that nothing looked up. One index fewer to write per token (issue 17),
-- and a narrower row. The unique index on token_hash becomes the primary key as it is.
ALTER TABLE refresh_token DROP CONSTRAINT refresh_token_pkey;
ALTER TABLE refresh_token DROP COLUMN id;
ALTER TABLE refresh_token ADD CONSTRAINT refresh_token_pkey PRIMARY KEY USING INDEX refresh_token_hash;
