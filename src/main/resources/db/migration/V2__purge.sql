-- The purge finds revoked sessions through this index, expired ones through rotor_session_expires.
CREATE INDEX rotor_session_revoked ON rotor_session (revoked_at);

-- The lease that lets one node of a cluster run the purge at a time.
INSERT INTO rotor_lock (name, holder, expires_at) VALUES ('purge', NULL, 0);
