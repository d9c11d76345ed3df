-- Times: runs in Unix milliseconds, checkpoints in Unix nanoseconds.
-- Payloads are JSON text exactly as received (jsonb would reorder keys and drop duplicates).
CREATE TABLE runs (
    id         TEXT   NOT NULL PRIMARY KEY,
    name       TEXT   NOT NULL,
    scenario   TEXT,
    labels     TEXT   NOT NULL DEFAULT '{}',
    started_at BIGINT NOT NULL,
    closed_at  BIGINT
);

CREATE INDEX runs_started_at ON runs (started_at);

CREATE TABLE checkpoints (
    trace_id    TEXT   NOT NULL,
    id          TEXT   NOT NULL,
    parent_id   TEXT,
    run_id      TEXT,
    service     TEXT   NOT NULL,
    instance    TEXT,
    kind        TEXT   NOT NULL,
    name        TEXT   NOT NULL,
    start_nanos BIGINT NOT NULL,
    end_nanos   BIGINT NOT NULL,
    thread      TEXT,
    input       TEXT,
    output      TEXT,
    error       TEXT,
    attributes  TEXT,
    truncated   TEXT,
    redacted    TEXT,
    batch_id    TEXT   NOT NULL,
    received_at BIGINT NOT NULL,
    PRIMARY KEY (trace_id, id)
);

CREATE INDEX checkpoints_run ON checkpoints (run_id, trace_id);
CREATE INDEX checkpoints_start ON checkpoints (start_nanos);

-- A trigram index makes the free-text ILIKE search fast. pg_trgm ships with PostgreSQL's contrib
-- and is a trusted extension, but a locked-down database may still refuse it: search then works
-- by scanning, which is correct, only slower.
DO $$
BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
    CREATE INDEX checkpoints_payload_trgm ON checkpoints USING gin (
        (coalesce(input, '') || E'\n' || coalesce(output, '') || E'\n' || coalesce(error, ''))
        public.gin_trgm_ops);
EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'pg_trgm unavailable (%), free-text search will scan checkpoints', SQLERRM;
END
$$;
