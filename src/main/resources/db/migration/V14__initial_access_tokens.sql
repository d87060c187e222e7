-- Initial access tokens (RFC 7591 §3): an admin issues one, a client presents it at
-- /oauth2/register. token_hash: SHA-256 of the token, base64url; the token itself is never stored.
-- uses counts registrations made with it, at most max_uses. Times are epoch milliseconds.
CREATE TABLE initial_access_token (
    id          VARCHAR(36) NOT NULL PRIMARY KEY,
    token_hash  VARCHAR(64) NOT NULL,
    created_at  BIGINT      NOT NULL,
    expires_at  BIGINT      NOT NULL,
    max_uses    INTEGER     NOT NULL,
    uses        INTEGER     NOT NULL,
    revoked_at  BIGINT,
    created_by  VARCHAR(64)
);
CREATE UNIQUE INDEX initial_access_token_hash ON initial_access_token (token_hash);
CREATE INDEX initial_access_token_created ON initial_access_token (created_at, id);
