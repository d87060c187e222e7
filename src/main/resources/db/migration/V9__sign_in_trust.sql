-- Symmetric keys of the cluster's own, as JWKs (sealed under rotor.keys.encryption-secret when
-- one is set): the key that signs browser cookies (CSRF tokens, device cookies).
CREATE TABLE server_secret (
    name       VARCHAR(64)   NOT NULL PRIMARY KEY,
    jwk        VARCHAR(4000) NOT NULL,
    created_at BIGINT        NOT NULL
);

-- Addresses an account has signed in from: SHA-256 (base64url) of the account's key and the
-- address (an IPv6 address by its /64), nothing readable. Failures from unfamiliar sources do not
-- lock a trusted one out. expires_at: when the trust ends (the purge deletes the row then).
CREATE TABLE trusted_source (
    source_hash VARCHAR(64) NOT NULL PRIMARY KEY,
    expires_at  BIGINT      NOT NULL
);
CREATE INDEX trusted_source_expires ON trusted_source (expires_at);

-- Serialises only the creation of throttle and trust rows, so that two first attempts at once
-- never insert the same key (each would otherwise log the loser's constraint violation).
INSERT INTO rotor_lock (name, holder, expires_at) VALUES ('throttle-rows', NULL, 0);
