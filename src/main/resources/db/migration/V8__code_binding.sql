-- An authorization code is bound to the sign-in that issued it, and a replay racing its first
-- exchange must still revoke what that exchange started.
--
-- credential_version: SHA-256 (base64url) of the user's password hash when the code was issued.
-- Every password change writes a new hash (new salt), so a code issued before one no longer
-- matches. Only the digest: the hash itself stays in rotor_user alone.
-- replayed_at: when the code last came back after its first exchange. The first exchange checks it
-- when it records its session, so whichever of the two writes the row second revokes the session.
-- Both nullable: rows written before this version get no value, and a code without a credential
-- version is refused (it lives 60 seconds, so that is at most one minute of codes at an upgrade).
ALTER TABLE authorization_code ADD COLUMN credential_version VARCHAR(64);
ALTER TABLE authorization_code ADD COLUMN replayed_at BIGINT;
