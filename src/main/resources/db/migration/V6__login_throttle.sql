-- Brute-force defence, shared by every node that uses this database.

-- Consecutive failed password checks per attempted username (known or not). The name is kept only
-- as a SHA-256 digest (base64url): people type passwords into the username field.
-- locked_until: epoch ms until which every password attempt is refused (0: not locked).
-- expires_at: when the row stops mattering (the purge deletes it then).
CREATE TABLE account_throttle (
    account_hash    VARCHAR(64) NOT NULL PRIMARY KEY,
    failures        INTEGER     NOT NULL,
    last_failure_at BIGINT      NOT NULL,
    locked_until    BIGINT      NOT NULL,
    expires_at      BIGINT      NOT NULL
);
CREATE INDEX account_throttle_expires ON account_throttle (expires_at);

-- Password checks per client address: a token bucket that holds at most a minute's allowance and
-- refills continuously. tokens is what was left at updated_at.
CREATE TABLE address_throttle (
    address    VARCHAR(64)      NOT NULL PRIMARY KEY,
    tokens     DOUBLE PRECISION NOT NULL,
    updated_at BIGINT           NOT NULL,
    expires_at BIGINT           NOT NULL
);
CREATE INDEX address_throttle_expires ON address_throttle (expires_at);
