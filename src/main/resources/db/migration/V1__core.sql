-- Times are epoch milliseconds (UTC) in BIGINT columns: identical on H2 and PostgreSQL and
-- under every JPA provider, with no time-zone conversion anywhere.

CREATE TABLE rotor_user (
    id            VARCHAR(36)  NOT NULL PRIMARY KEY,
    username      VARCHAR(64)  NOT NULL,
    -- lower-cased username: uniqueness is case-insensitive on every database
    username_key  VARCHAR(64)  NOT NULL,
    password_hash VARCHAR(255) NOT NULL,
    roles         VARCHAR(255) NOT NULL,
    enabled       BOOLEAN      NOT NULL,
    created_at    BIGINT       NOT NULL
);
CREATE UNIQUE INDEX rotor_user_username_key ON rotor_user (username_key);

CREATE TABLE rotor_session (
    id             VARCHAR(36)  NOT NULL PRIMARY KEY,
    user_id        VARCHAR(36)  NOT NULL REFERENCES rotor_user (id) ON DELETE CASCADE,
    client_id      VARCHAR(64)  NOT NULL,
    scope          VARCHAR(255) NOT NULL,
    created_at     BIGINT       NOT NULL,
    last_used_at   BIGINT       NOT NULL,
    expires_at     BIGINT       NOT NULL,
    revoked_at     BIGINT,
    revoked_reason VARCHAR(32),
    user_agent     VARCHAR(255),
    ip_address     VARCHAR(64)
);
CREATE INDEX rotor_session_user ON rotor_session (user_id);
CREATE INDEX rotor_session_expires ON rotor_session (expires_at);

-- Only the SHA-256 of a refresh token is stored (base64url, 43 characters).
CREATE TABLE refresh_token (
    id         VARCHAR(36) NOT NULL PRIMARY KEY,
    session_id VARCHAR(36) NOT NULL REFERENCES rotor_session (id) ON DELETE CASCADE,
    token_hash VARCHAR(64) NOT NULL,
    created_at BIGINT      NOT NULL,
    expires_at BIGINT      NOT NULL,
    spent_at   BIGINT
);
CREATE UNIQUE INDEX refresh_token_hash ON refresh_token (token_hash);
CREATE INDEX refresh_token_session ON refresh_token (session_id);
CREATE INDEX refresh_token_expires ON refresh_token (expires_at);

CREATE TABLE signing_key (
    kid         VARCHAR(64)   NOT NULL PRIMARY KEY,
    algorithm   VARCHAR(16)   NOT NULL,
    public_jwk  VARCHAR(4000) NOT NULL,
    private_jwk VARCHAR(8000) NOT NULL,
    created_at  BIGINT        NOT NULL
);

-- Named rows locked FOR UPDATE to make once-per-cluster work safe (key generation, purge lease).
CREATE TABLE rotor_lock (
    name       VARCHAR(64)  NOT NULL PRIMARY KEY,
    holder     VARCHAR(128),
    expires_at BIGINT       NOT NULL
);
INSERT INTO rotor_lock (name, holder, expires_at) VALUES ('signing-keys', NULL, 0);
