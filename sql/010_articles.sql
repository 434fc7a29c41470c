-- articles: a row is one article as ingested, keyed by the hash of its body.
--
-- body is the text exactly as extracted: claims.char_start/char_end index into it.
-- source is the file path (for JSON Lines: PATH#ID). published is NULL when unknown.
-- ingested_at is when the article was first loaded; re-loading the same body keeps it, and so does
-- finding it again under another name (see article_sources): source and metadata follow the first name.
-- extractor_version is the extractor that gave its claims: EXTRACTOR_VERSION plus a hash of the
-- extraction code and lexicons (flows.load.extractor_fingerprint); a run extracts again the articles
-- of any other extractor_version.
CREATE TABLE IF NOT EXISTS articles (
    article_id        VARCHAR PRIMARY KEY,
    source            VARCHAR NOT NULL,
    title             VARCHAR,
    published         DATE,
    publisher         VARCHAR,
    url               VARCHAR,
    body              VARCHAR NOT NULL,
    ingested_at       TIMESTAMP NOT NULL,
    extractor_version VARCHAR
);

-- Migrations. CREATE TABLE IF NOT EXISTS leaves the table of an existing database file as it was, so
-- every column added after the first release is also added here, idempotently: a database written
-- by an older version gains it on its next read-write connection (NULL in the old rows).
ALTER TABLE articles ADD COLUMN IF NOT EXISTS extractor_version VARCHAR;
