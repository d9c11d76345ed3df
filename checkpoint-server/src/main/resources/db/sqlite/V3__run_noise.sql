-- The noise rules the scenario runner compared a run with (normalisation and ignored paths, as
-- JSON), so that the server compares and exports the run the same way. Null: the defaults.
ALTER TABLE runs ADD COLUMN noise TEXT;
