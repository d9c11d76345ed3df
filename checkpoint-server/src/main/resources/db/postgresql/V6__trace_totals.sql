-- What the run page and the runs list show of each tree, kept as checkpoints arrive and go: one
-- row per trace with its checkpoints, errors and time span. Summing a run's checkpoints on each
-- request cost in proportion to the run (a run page of 2,000 trees aggregated 90,000 checkpoints,
-- about a second at a million); these pages now read one row per tree. Ingestion adds the rows it
-- actually inserted (a retried batch adds nothing) in the insert's transaction, and deletes take
-- away what they delete. The span is widened by inserts and left as it is by deletes: a trace
-- that loses some of its checkpoints keeps its span until its last one goes, and with it the row.
CREATE TABLE trace_totals (
    trace_id    TEXT   NOT NULL PRIMARY KEY,
    checkpoints BIGINT NOT NULL,
    errors      BIGINT NOT NULL,
    start_nanos BIGINT NOT NULL,
    end_nanos   BIGINT NOT NULL
);

INSERT INTO trace_totals (trace_id, checkpoints, errors, start_nanos, end_nanos)
SELECT trace_id, COUNT(*), SUM(CASE WHEN error IS NULL THEN 0 ELSE 1 END), MIN(start_nanos),
       MAX(end_nanos)
FROM checkpoints
GROUP BY trace_id;
