-- A rotated secret's predecessor stays valid until previous_secret_expires_at (epoch ms), so a
-- service can roll its new secret out without downtime; both NULL when no overlap was asked for.
-- previous_secret_hash: SHA-256, base64url, as secret_hash. A disabled client authenticates
-- nowhere and starts no flow; its sessions ended when it was disabled.
ALTER TABLE rotor_client ADD COLUMN previous_secret_hash VARCHAR(64);
ALTER TABLE rotor_client ADD COLUMN previous_secret_expires_at BIGINT;
ALTER TABLE rotor_client ADD COLUMN enabled BOOLEAN DEFAULT TRUE NOT NULL;
