-- Times: runs in Unix milliseconds, checkpoints in Unix nanoseconds (int64 holds them until 2262).
-- Payloads (input, output, error, attributes, truncated, redacted) are JSON text exactly as received.
CREATE TABLE runs (
    id         TEXT    NOT NULL PRIMARY KEY,
    name       TEXT    NOT NULL,
    scenario   TEXT,
    labels     TEXT    NOT NULL DEFAULT '{}',
    started_at INTEGER NOT NULL,
    closed_at  INTEGER
);

CREATE INDEX runs_started_at ON runs (started_at);

-- No full-text index: FTS5 (trigram or unicode61) cut the insert rate five- to twentyfold in
-- measurements, and the embedded database serves one team, where a scan for free text is fast
-- enough. PostgreSQL, the shared store, has a trigram index instead.
CREATE TABLE checkpoints (
    trace_id    TEXT    NOT NULL,
    id          TEXT    NOT NULL,
    parent_id   TEXT,
    run_id      TEXT,
    service     TEXT    NOT NULL,
    instance    TEXT,
    kind        TEXT    NOT NULL,
    name        TEXT    NOT NULL,
    start_nanos INTEGER NOT NULL,
    end_nanos   INTEGER NOT NULL,
    thread      TEXT,
    input       TEXT,
    output      TEXT,
    error       TEXT,
    attributes  TEXT,
    truncated   TEXT,
    redacted    TEXT,
    batch_id    TEXT    NOT NULL,
    received_at INTEGER NOT NULL,
    UNIQUE (trace_id, id)
);

CREATE INDEX checkpoints_run ON checkpoints (run_id, trace_id);
CREATE INDEX checkpoints_start ON checkpoints (start_nanos);
