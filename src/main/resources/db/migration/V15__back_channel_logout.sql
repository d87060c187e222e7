-- OpenID Connect Back-Channel Logout 1.0: when a browser session ends, every client it signed in to
-- that registered a backchannel_logout_uri is sent a signed logout token, from an outbox that any
-- node works off. No token is stored: each attempt signs a new one.

-- Whether the client wants the sid claim (it always gets it; the flag is stored as registered).
ALTER TABLE rotor_client ADD COLUMN backchannel_logout_session_required BOOLEAN DEFAULT FALSE NOT NULL;

-- The browser session a token session was started from (an authorization code's); NULL for a
-- password login. A refresh token replayed in such a session ends that browser session too.
ALTER TABLE rotor_session ADD COLUMN browser_session_id VARCHAR(36);

-- The clients a browser session signed in to: one row per code exchanged for the pair (a
-- concurrent second exchange may add a duplicate, which readers fold).
CREATE TABLE browser_session_client (
    id                 VARCHAR(36) NOT NULL PRIMARY KEY,
    browser_session_id VARCHAR(36) NOT NULL REFERENCES browser_session (id) ON DELETE CASCADE,
    client_id          VARCHAR(64) NOT NULL,
    signed_in_at       BIGINT      NOT NULL
);
CREATE INDEX browser_session_client_session ON browser_session_client (browser_session_id);

-- One logout token to deliver: to client_id, about subject (the user id) and sid (the browser
-- session id, the ID token's sid). Due at next_attempt_at; a node claims it by moving lease_until
-- past now (a conditional UPDATE), so two nodes never send the same attempt. Deleted once sent or
-- given up. No foreign keys: a deleted user's logout must still be delivered.
CREATE TABLE logout_delivery (
    id              VARCHAR(36) NOT NULL PRIMARY KEY,
    client_id       VARCHAR(64) NOT NULL,
    subject         VARCHAR(36) NOT NULL,
    sid             VARCHAR(36) NOT NULL,
    attempts        INTEGER     NOT NULL,
    next_attempt_at BIGINT      NOT NULL,
    lease_until     BIGINT      NOT NULL,
    created_at      BIGINT      NOT NULL
);
CREATE INDEX logout_delivery_due ON logout_delivery (next_attempt_at);
