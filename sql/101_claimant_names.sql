-- claimant_names: a row is one way a source is named in the ledger (a claimant as extracted, or an
-- article's publisher), with the one key and the readable name every spelling of that source shares.
-- claim_intervals uses it, so "Zelenskyy", "President Volodymyr Zelensky" and "Mr Zelensky" are one
-- claimant everywhere in the comparison views.
--
--   name          the name as stored (claims.claimant or articles.publisher)
--   claimant_key  the source's key, found in this order:
--                   1. the name's words: lower case, accents and possessive 's dropped, every run of
--                      other characters one space; leading titles (data/lexicon/titles.csv: "President",
--                      "Mr", "Prime Minister") and a leading "the" removed (unless nothing is left)
--                   2. an alias of data/lexicon/claimant_aliases.csv, matched on those words
--                      ("zelenskyy" → "volodymyr zelensky", "wsj" → "wall street journal")
--                   3. a lone capitalised word ("Mr Biden" → "biden") that ends exactly one capitalised
--                      full name in the ledger ("Joe Biden") becomes that name's key; lower-case words
--                      ("sources", "officials") never fold this way
--   claimant_name the display name: the alias's, else the longest bare form (titles removed) of the
--                 names sharing the key, ties by the most frequent then alphabetically
--
-- normalized_name(name) is the macro for step 1's words; the views use it to match names to aliases.
--
-- Stored (see sql/100_derived.sql): a refresh recomputes every name, not only those of the pending
-- articles (a new "Joe Biden" changes the key of "Mr Biden"; there are few names), stores them in
-- derived.claimant_names and re-attributes the stored claims of names whose key or display name changed.
CREATE OR REPLACE MACRO normalized_name(name) AS
    trim(regexp_replace(
        regexp_replace(lower(strip_accents(name)), '[''’]s\b', '', 'g'), '[^a-z0-9]+', ' ', 'g'
    ));

CREATE OR REPLACE VIEW derived.claimant_names_of_pending AS
WITH
names AS (
    SELECT claimant AS name, count(*) AS n_uses FROM claims WHERE claimant IS NOT NULL GROUP BY ALL
    UNION ALL
    SELECT publisher, count(*) FROM articles WHERE publisher IS NOT NULL GROUP BY ALL
),

bare_names AS (
    -- title_pattern() (flows/reference.py, from titles.csv) matches the leading titles.
    SELECT
        name,
        sum(n_uses) AS n_uses,
        coalesce(nullif(trim(regexp_replace(trim(name), title_pattern(), '', 'i')), ''), trim(name)) AS bare
    FROM names
    GROUP BY name
),

aliases AS (
    SELECT normalized_name(alias) AS words, min(key) AS key, min(display) AS display
    FROM ref_claimant_aliases
    GROUP BY 1
),

keyed AS (
    SELECT
        b.name,
        b.n_uses,
        b.bare,
        coalesce(a.key, normalized_name(b.bare)) AS full_key,
        a.display,
        regexp_full_match(b.bare, '[A-Z][^ ]*( [A-Z][^ ]*)*') AS capitalised
    FROM bare_names AS b
    LEFT JOIN aliases AS a ON a.words = normalized_name(b.bare)
),

surnames AS (
    -- Last words of capitalised full names that only one full name ends with.
    SELECT regexp_extract(full_key, '[^ ]+$') AS surname, min(full_key) AS full_key
    FROM keyed
    WHERE capitalised AND full_key LIKE '% %'
    GROUP BY surname
    HAVING count(DISTINCT full_key) = 1
),

with_keys AS (
    SELECT
        k.*,
        CASE WHEN k.capitalised AND s.full_key IS NOT NULL THEN s.full_key ELSE k.full_key END AS claimant_key
    FROM keyed AS k
    LEFT JOIN surnames AS s ON s.surname = k.full_key
)

SELECT
    name,
    claimant_key,
    coalesce(
        max(display) OVER same_key,
        first_value(bare) OVER (same_key ORDER BY length(bare) DESC, n_uses DESC, bare)
    ) AS claimant_name
FROM with_keys
WINDOW same_key AS (PARTITION BY claimant_key);

CREATE TABLE IF NOT EXISTS derived.claimant_names AS FROM derived.claimant_names_of_pending LIMIT 0;

CREATE OR REPLACE VIEW claimant_names AS FROM derived.claimant_names;
