-- article_sources: a row is one name an article was read under. The same text found in two files (a
-- copied file, a wire story in two feeds) is one article, stored once; each name it came under is kept
-- here. articles.source is the first of them.
--
-- first_seen is when that name was first loaded.
CREATE TABLE IF NOT EXISTS article_sources (
    article_id VARCHAR NOT NULL,
    source     VARCHAR NOT NULL,
    first_seen TIMESTAMP NOT NULL,
    PRIMARY KEY (article_id, source)
);

-- Migration: a database from before this table knows each article's one source. Only an empty table is
-- filled, so this costs nothing on later connections.
INSERT INTO article_sources
SELECT article_id, source, ingested_at FROM articles
WHERE NOT EXISTS (SELECT 1 FROM article_sources);
