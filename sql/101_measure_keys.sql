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
CREATE OR REPLACE VIEW measure_keys AS
WITH
stored AS (
    SELECT DISTINCT subject, unit, event, kind FROM claims
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
)

SELECT
    *,
    concat_ws(' ', subject_key, replace(coalesce(unit_key, kind), ' ', '_'), event_key) AS measure
FROM folded;
