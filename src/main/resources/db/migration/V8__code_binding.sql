-- An authorization code is bound to the sign-in that issued it.
--
-- credential_version: SHA-256 (base64url) of the user's password hash when the code was issued.
-- Every password change writes a new hash (new salt), so a code issued before one no longer
-- matches. Only the digest: the hash itself stays in rotor_user alone.
-- Nullable: rows written before this version get no value, and a code without a credential
-- version is refused (it lives 60 seconds, so that is at most one minute of codes at an upgrade).
ALTER TABLE authorization_code ADD COLUMN credential_version VARCHAR(64);
