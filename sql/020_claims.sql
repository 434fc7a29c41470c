-- claims: a row is one reported number in one article, with its bounds, what it counts,
-- who claims it and when.
--
-- claim_id is a hash of (article_id, char_start, char_end, extractor_version), so re-running the
-- same extractor on the same article yields the same ids. surface = body[char_start:char_end],
-- including the hedge word ("nearly 10,000"). value/low/high follow the qualifier table in
-- DESIGN.md (exact: value only; nearly: high = value; range: value = midpoint; vague: value NULL).
-- claimant NULL means the article itself asserts the number. change is 'up'/'down' for a change
-- ("rose by 5,000"), NULL for a level; only levels are compared (see claim_intervals). trend is
-- 'up'/'down' for a level a movement reached ("the toll rose to 240"), NULL otherwise.
--
-- claim_id is the key: one row per claim_id, kept so by the load (flows/load.py matches a batch to the
-- stored rows by joins, and a batch holds each id once). It is not declared PRIMARY KEY because DuckDB
-- keeps a primary key's index in memory: each load into a ledger of 2.3 M claims took 110 MB more to
-- check 23,000 new ids against it, growing with the ledger, and a load of 1 M claims 1.1 s more.
CREATE TABLE IF NOT EXISTS claims (
    claim_id          VARCHAR NOT NULL,
    article_id        VARCHAR NOT NULL,
    char_start        INTEGER NOT NULL,
    char_end          INTEGER NOT NULL,
    surface           VARCHAR NOT NULL,
    sentence          VARCHAR,
    value             DOUBLE,
    low               DOUBLE,
    high              DOUBLE,
    qualifier         VARCHAR NOT NULL,
    kind              VARCHAR NOT NULL,
    unit              VARCHAR,
    subject           VARCHAR,
    event             VARCHAR,
    measure           VARCHAR NOT NULL,
    claimant          VARCHAR,
    as_of             DATE,
    change            VARCHAR,
    via               VARCHAR,
    claimant_kind     VARCHAR,
    extractor_version VARCHAR NOT NULL,
    trend             VARCHAR
);

-- Migrations (see sql/010_articles.sql): columns added after the first release.
ALTER TABLE claims ADD COLUMN IF NOT EXISTS trend VARCHAR;
