-- source_files: a row is one input file as a completed run last read it: its path as given, the sha256 of
-- its bytes and the extractor of that run (as in articles.extractor_version). The next run skips a file
-- whose path, hash and extractor all match, so it reads only new or changed files;
-- `estimates run --full-refresh` reads all.
--
-- Rows are written after a run's last batch is loaded: a run killed midway leaves its files unrecorded,
-- and the next run reads them again (loads are upserts, so nothing is counted twice).
CREATE TABLE IF NOT EXISTS source_files (
    path              VARCHAR PRIMARY KEY,
    content_hash      VARCHAR NOT NULL,
    extractor_version VARCHAR NOT NULL,
    read_at           TIMESTAMP NOT NULL
);
