-- Authentication events (OWASP ASVS 16.3.1). Never a token, a password or a hash.
CREATE TABLE audit_event (
    id             VARCHAR(36)  NOT NULL PRIMARY KEY,
    occurred_at    BIGINT       NOT NULL,
    type           VARCHAR(32)  NOT NULL,
    user_id        VARCHAR(36),
    username       VARCHAR(64),
    session_id     VARCHAR(36),
    client_address VARCHAR(64),
    user_agent     VARCHAR(255),
    reason         VARCHAR(255)
);
CREATE INDEX audit_event_time ON audit_event (occurred_at);
CREATE INDEX audit_event_user_time ON audit_event (user_id, occurred_at);
CREATE INDEX audit_event_type_time ON audit_event (type, occurred_at);
