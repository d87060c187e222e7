-- Single sign-on (OpenID Connect). Only SHA-256 digests (base64url, 43 characters) of the browser
-- session cookie and of authorization codes are stored.

-- A signed-in browser: the cookie rotor_sso refers to it. It ends at expires_at (the absolute
-- lifetime), after idle time without use (last_seen_at), or when ended_at is set.
CREATE TABLE browser_session (
    id           VARCHAR(36) NOT NULL PRIMARY KEY,
    token_hash   VARCHAR(64) NOT NULL,
    user_id      VARCHAR(36) NOT NULL REFERENCES rotor_user (id) ON DELETE CASCADE,
    auth_time    BIGINT      NOT NULL,
    created_at   BIGINT      NOT NULL,
    last_seen_at BIGINT      NOT NULL,
    expires_at   BIGINT      NOT NULL,
    ended_at     BIGINT
);
CREATE UNIQUE INDEX browser_session_hash ON browser_session (token_hash);
CREATE INDEX browser_session_user ON browser_session (user_id);
CREATE INDEX browser_session_expires ON browser_session (expires_at);

-- An authorization code, single use, bound to everything the token request must repeat.
-- session_id: the token session its exchange started (revoked if the code comes back).
CREATE TABLE authorization_code (
    code_hash          VARCHAR(64)   NOT NULL PRIMARY KEY,
    client_id          VARCHAR(64)   NOT NULL,
    redirect_uri       VARCHAR(2000) NOT NULL,
    code_challenge     VARCHAR(128),
    nonce              VARCHAR(512),
    scope              VARCHAR(255)  NOT NULL,
    browser_session_id VARCHAR(36)   NOT NULL,
    user_id            VARCHAR(36)   NOT NULL REFERENCES rotor_user (id) ON DELETE CASCADE,
    auth_time          BIGINT        NOT NULL,
    created_at         BIGINT        NOT NULL,
    expires_at         BIGINT        NOT NULL,
    used_at            BIGINT,
    session_id         VARCHAR(36)
);
CREATE INDEX authorization_code_expires ON authorization_code (expires_at);

-- What a user allowed a third-party client once: asked again only for more scopes.
CREATE TABLE consent (
    id         VARCHAR(36)  NOT NULL PRIMARY KEY,
    user_id    VARCHAR(36)  NOT NULL REFERENCES rotor_user (id) ON DELETE CASCADE,
    client_id  VARCHAR(64)  NOT NULL,
    scope      VARCHAR(255) NOT NULL,
    granted_at BIGINT       NOT NULL
);
CREATE UNIQUE INDEX consent_user_client ON consent (user_id, client_id);
