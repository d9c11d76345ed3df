-- Web UI sessions: the cookie holds a random id, never the read token, so that logging out (which
-- deletes the row) revokes it. The digest ties a session to the token it was opened with:
-- removing that token from the configuration ends its sessions. Rows are shared by all servers
-- on one database.
CREATE TABLE ui_sessions (
    id           TEXT PRIMARY KEY,
    token_digest TEXT NOT NULL,
    expires_at   BIGINT NOT NULL
);
