-- articles: a row is one article as ingested, keyed by the hash of its body.
--
-- body is the text exactly as extracted: claims.char_start/char_end index into it.
-- source is the file path (for JSON Lines: PATH#ID). published is NULL when unknown.
-- ingested_at is when the article was first loaded; re-loading the same body keeps it.
CREATE TABLE IF NOT EXISTS articles (
    article_id  VARCHAR PRIMARY KEY,
    source      VARCHAR NOT NULL,
    title       VARCHAR,
    published   DATE,
    publisher   VARCHAR,
    url         VARCHAR,
    body        VARCHAR NOT NULL,
    ingested_at TIMESTAMP NOT NULL
);
