-- private_key_jwt client authentication (RFC 7523 §2.2).
--
-- A client of that method registers its public keys: jwks, a JWK Set as JSON (public RSA or P-256
-- keys only, checked when registered), or jwks_uri, where Rotor fetches it. Both NULL for every
-- other client.
ALTER TABLE rotor_client ADD COLUMN jwks VARCHAR(16000);
ALTER TABLE rotor_client ADD COLUMN jwks_uri VARCHAR(2000);

-- The assertions accepted, so that each is accepted once: a second insert of the same client and
-- jti is a replay. jti_hash: SHA-256 (base64url) of the jti, so that any jti a client chooses
-- fits. expires_at: epoch ms after which the assertion would be refused as expired anyway (its exp
-- plus the clock skew allowed); the purge deletes the row then.
CREATE TABLE client_assertion (
    client_id  VARCHAR(255) NOT NULL,
    jti_hash   VARCHAR(64)  NOT NULL,
    expires_at BIGINT       NOT NULL,
    PRIMARY KEY (client_id, jti_hash)
);
CREATE INDEX client_assertion_expires ON client_assertion (expires_at);
