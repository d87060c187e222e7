-- Clients registered through /admin/clients (those of rotor.client.<id>.* stay in configuration).
-- Lists are space-separated: no value in them (URIs, grant types, scopes, audiences) may hold a
-- space. secret_hash: SHA-256 of the secret, base64url; NULL for a public client.
-- access_token_ttl: seconds, NULL for the server's default.
CREATE TABLE rotor_client (
    id                        VARCHAR(36)   NOT NULL PRIMARY KEY,
    name                      VARCHAR(256)  NOT NULL,
    secret_hash               VARCHAR(64),
    auth_method               VARCHAR(32)   NOT NULL,
    grant_types               VARCHAR(256)  NOT NULL,
    scopes                    VARCHAR(1024) NOT NULL,
    redirect_uris             VARCHAR(4000) NOT NULL,
    post_logout_redirect_uris VARCHAR(4000) NOT NULL,
    first_party               BOOLEAN       NOT NULL,
    require_pkce              BOOLEAN       NOT NULL,
    introspect_any            BOOLEAN       NOT NULL,
    audiences                 VARCHAR(1024) NOT NULL,
    backchannel_logout_uri    VARCHAR(2000),
    access_token_ttl          BIGINT,
    created_at                BIGINT        NOT NULL,
    updated_at                BIGINT        NOT NULL
);
CREATE INDEX rotor_client_created ON rotor_client (created_at, id);
