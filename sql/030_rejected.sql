-- rejected: a row is one input or record that could not be used, with the stage that refused it
-- (ingest | extract | validate | load) and why. Nothing is dropped silently.
--
-- rejected_id is a hash of (source, stage, reason, record), so running again on the same bad input
-- adds nothing; rejected_at is when it was first refused. record is the offending record as JSON text.
CREATE TABLE IF NOT EXISTS rejected (
    rejected_id VARCHAR PRIMARY KEY,
    source      VARCHAR NOT NULL,
    stage       VARCHAR NOT NULL,
    record      VARCHAR NOT NULL,
    reason      VARCHAR NOT NULL,
    rejected_at TIMESTAMP NOT NULL
);
