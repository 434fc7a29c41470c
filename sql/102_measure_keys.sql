-- measure_keys: a row is one combination of subject, unit, event and kind stored in claims, with the
-- canonical measure the comparison views group it under. Synonyms meet here, in SQL, from the lexicon
-- table ref_measure_terms (data/lexicon/demonyms.csv, units.csv, events.csv and measure_synonyms.csv):
-- "soldiers", "servicemen" and "military personnel" → troops; "North Korea's", "DPRK", "Pyongyang's"
-- → north_korean; "sent", "stationed", "preparing" → deployed. Editing a lexicon regroups the stored
-- claims at the next `estimates run`; nothing is re-extracted.
--
--   subject_key  the subject folded; a combined subject is folded part by part, de-duplicated and
--                sorted ("ukrainian+russian" and "Russia+Ukraine" are both "russian+ukrainian")
--   unit_key     the unit folded (for counts, the counted noun)
--   event_key    the event folded
--   measure      "subject unit event" from the keys, the extractor's format ("north_korean troops
--                deployed"); the kind stands in for a missing unit
-- Different quantities stay apart: killed, wounded and killed_or_wounded are different events; North
-- Korean and Russian different subjects. Kind and change are not part of the key: claim_intervals keeps
-- changes out of the comparison and compares a kind only with itself (a rate never meets a level).
--
-- Stored (see sql/100_derived.sql): a refresh folds only the combinations not folded yet, those of the
-- claims of the articles it refreshes (derived.measure_keys_of_pending); every combination is
-- folded again when a lexicon changes. Each fold also names its comparison group (claim_intervals):
--   comparison_unit  the unit the group compares in: '' for counts (their unit is the counted noun,
--                    which the measure already names), the folded unit otherwise (a currency or
--                    physical unit: 5 million USD and 5 million EUR are different claims)
--   group_id         the group's number (derived.groups); neither is in the public view
CREATE OR REPLACE VIEW derived.measure_keys_of_pending AS
WITH
stored AS (
    -- A join, not IN: DuckDB then estimates the few claims of the pending articles, not a fifth of all.
    SELECT DISTINCT c.subject, c.unit, c.event, c.kind
    FROM claims AS c
    JOIN derived.pending_articles USING (article_id)
),

subject_parts AS (
    SELECT DISTINCT subject, trim(unnest(string_split(subject, '+'))) AS part
    FROM stored
    WHERE subject IS NOT NULL
),

subject_keys AS (
    SELECT
        p.subject,
        string_agg(DISTINCT coalesce(t.key, p.part), '+' ORDER BY coalesce(t.key, p.part)) AS subject_key
    FROM subject_parts AS p
    LEFT JOIN ref_measure_terms AS t ON t.part = 'subject' AND t.word = lower(p.part)
    GROUP BY p.subject
),

folded AS (
    SELECT
        s.subject,
        s.unit,
        s.event,
        s.kind,
        sk.subject_key,
        coalesce(u.key, s.unit) AS unit_key,
        coalesce(e.key, s.event) AS event_key
    FROM stored AS s
    LEFT JOIN subject_keys AS sk ON sk.subject = s.subject
    LEFT JOIN ref_measure_terms AS u ON u.part = 'unit' AND u.word = lower(s.unit)
    LEFT JOIN ref_measure_terms AS e ON e.part = 'event' AND e.word = lower(s.event)
),

keyed AS (
    SELECT
        *,
        concat_ws(' ', subject_key, replace(coalesce(unit_key, kind), ' ', '_'), event_key) AS measure,
        CASE WHEN kind = 'count' THEN '' ELSE coalesce(unit_key, '') END AS comparison_unit
    FROM folded
)

-- group_id is NULL for a group not numbered yet: the refresh numbers it.
SELECT k.*, g.group_id
FROM keyed AS k
LEFT JOIN derived.groups AS g ON g.measure = k.measure AND g.kind = k.kind AND g.unit_key = k.comparison_unit;

CREATE TABLE IF NOT EXISTS derived.measure_keys AS FROM derived.measure_keys_of_pending LIMIT 0;

-- Folds are kept when their last claim goes; the public view shows those of the claims stored now.
CREATE OR REPLACE VIEW measure_keys AS
SELECT * EXCLUDE (comparison_unit, group_id)
FROM derived.measure_keys AS k
WHERE EXISTS (
    SELECT 1 FROM claims AS c
    WHERE c.subject IS NOT DISTINCT FROM k.subject AND c.unit IS NOT DISTINCT FROM k.unit
      AND c.event IS NOT DISTINCT FROM k.event AND c.kind = k.kind
);
