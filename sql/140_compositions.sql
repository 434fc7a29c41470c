-- compositions: a row tests a part against a whole: a figure that can be no larger than another
-- (one subject's against a combined one, troops against people, killed against killed or wounded),
-- or a source's parts summed against a whole they make up (killed + wounded against killed or
-- wounded), with whether the two figures can both be true and the arithmetic shown.
--
-- Figures: counts only; each source's latest claim on each measure (claim_intervals, by as_of), with
-- its comparison interval [low, high] (so the tolerances are those of conflicts). A sum of parts is
-- one source's latest figures for every part of a whole event (data/lexicon/event_parts.csv:
-- killed_or_wounded = killed + wounded) for one subject and unit: low = the sum of lows, high = the
-- sum of highs ("at least 115,000 killed + 500,000 wounded" gives [615,000, ∞)).
--
-- A part figure P and a whole figure W (the whole is always a claim as reported) are related when
--   subject  P's subjects are among W's ("russian" within "russian+ukrainian"; both must be known),
--   unit     equal, or W's unit is P's unit's family (data/lexicon/unit_families.csv: troops, civilians,
--            fighters… are people; never the other way round),
--   event    equal, or P's event is a part of W's (killed, wounded within killed_or_wounded),
-- and P is not simply another claim on W's own measure (that is a conflict's business).
--   relation 'part_within_whole': P must not exceed W; consistent when P's low <= W's high.
--   relation 'sum_equals_whole':  P is a sum of parts on W's own measure; consistent when the
--            intervals overlap.
-- Any two sources, or one source with itself (a source's killed + wounded against its own total).
--
-- Which pairs: each part figure against the whole figure of each related measure that tests it
-- hardest (the lowest high; for sums also the highest low), and each whole figure against the part
-- figure of each related measure that tests it hardest (the highest low; for sums also the lowest
-- high). So every inconsistent figure appears, with its strongest contradiction, and the rows grow
-- linearly with the figures (as in conflicts). Unordered, like conflicts: `ORDER BY consistent`
-- reads the inconsistent first (the export does).
--
--   relation, consistent, arithmetic (the sum and the test in words: "at least 115,000 killed +
--   500,000 wounded = [615,000, ∞) <= about one million killed_or_wounded [900,000, 1,100,000]:
--   consistent, 615,000 <= 1,100,000")
--   part_: measure, source, surface, value, low, high, as_of, claim_ids (the claims summed)
--   whole_: measure, source, surface, value, low, high, as_of, claim_id; days_apart
--
-- Stored (see sql/100_derived.sql). A row relates two measures, so a refresh recomputes the rows whose
-- part or whole is a pending measure's figure, or whose part is a sum with a pending part
-- (derived.composition_scope), from the figures of every measure such a row can involve: the pending
-- ones, those they can be part or whole of, and the other parts of sums among those. Related
-- measures are found by equality on one subject part (derived.subject_parts: a row per count fold
-- and part of its subject, "russian+ukrainian" gives "russian" and "ukrainian"), event and unit,
-- never by comparing every pair of measures.
CREATE OR REPLACE MACRO readable_number(x) AS
    CASE
        WHEN isinf(x) THEN (CASE WHEN x > 0 THEN '∞' ELSE '-∞' END)
        WHEN x = round(x) THEN format('{:,}', x::HUGEINT)
        ELSE format('{:,.2f}', x)
    END;

-- "[900,000, 1,100,000]", or "[615,000, ∞)" when open-ended.
CREATE OR REPLACE MACRO readable_interval(low, high) AS
    '[' || readable_number(low) || ', ' || readable_number(high)
        || CASE WHEN isinf(high) THEN ')' ELSE ']' END;

CREATE OR REPLACE VIEW derived.subject_parts_of_pending AS
SELECT DISTINCT
    group_id, unnest(string_split(subject_key, '+')) AS part, subject_key AS subject, unit_key AS unit,
    event_key AS event, measure
FROM derived.measure_keys
WHERE kind = 'count' AND subject_key IS NOT NULL AND group_id IN (SELECT group_id FROM derived.pending_groups);

CREATE TABLE IF NOT EXISTS derived.subject_parts AS FROM derived.subject_parts_of_pending LIMIT 0;

CREATE OR REPLACE VIEW derived.composition_scope AS
-- The rows a refresh recomputes: those whose part is the figure of a pending measure (is_sum false)
-- or a sum with a pending part (is_sum true), and those whose whole is a pending measure's figure.
WITH
touched AS (
    SELECT DISTINCT measure, subject, unit, event
    FROM derived.subject_parts
    WHERE group_id IN (SELECT group_id FROM derived.pending_groups)
)
SELECT measure, FALSE AS is_sum FROM touched
UNION
SELECT concat_ws(' ', t.subject, replace(t.unit, ' ', '_'), ep.whole), TRUE
FROM touched AS t
JOIN ref_event_parts AS ep ON ep.part = t.event;

CREATE OR REPLACE VIEW derived.compositions_of_pending AS
WITH
touched AS (
    -- The pending count measures, a row per subject part.
    SELECT * FROM derived.subject_parts WHERE group_id IN (SELECT group_id FROM derived.pending_groups)
),

wholes_of_touched AS (
    -- Measures a touched one can be part of (the relation of measure_pairs below, found from the part).
    SELECT w.group_id
    FROM touched AS t
    JOIN (SELECT event, event AS whole_event FROM touched UNION SELECT part, whole FROM ref_event_parts) AS e
        ON e.event = t.event
    JOIN (SELECT unit, unit AS whole_unit FROM touched UNION SELECT unit, family FROM ref_unit_families) AS u
        ON u.unit = t.unit
    JOIN derived.subject_parts AS w ON w.part = t.part AND w.event = e.whole_event AND w.unit = u.whole_unit
    WHERE list_has_all(string_split(w.subject, '+'), string_split(t.subject, '+'))
),

parts_of_touched AS (
    -- Measures that can be part of a touched one (found from the whole).
    SELECT p.group_id
    FROM touched AS t
    JOIN (SELECT event AS whole_event, event FROM touched UNION SELECT whole, part FROM ref_event_parts) AS e
        ON e.whole_event = t.event
    JOIN (SELECT unit AS whole_unit, unit FROM touched UNION SELECT family, unit FROM ref_unit_families) AS u
        ON u.whole_unit = t.unit
    JOIN derived.subject_parts AS p ON p.part = t.part AND p.event = e.event AND p.unit = u.unit
    WHERE list_has_all(string_split(t.subject, '+'), string_split(p.subject, '+'))
),

involved AS (
    SELECT group_id FROM touched
    UNION SELECT group_id FROM wholes_of_touched
    UNION SELECT group_id FROM parts_of_touched
),

involved_with_other_parts AS (
    -- A sum needs every part: the other parts of the same subject and unit of an involved part.
    SELECT group_id FROM involved
    UNION
    SELECT other.group_id
    FROM derived.subject_parts AS i
    JOIN ref_event_parts AS ep ON ep.part = i.event
    JOIN ref_event_parts AS sibling ON sibling.whole = ep.whole
    JOIN derived.subject_parts AS other
        ON other.subject = i.subject AND other.unit = i.unit AND other.event = sibling.part
    WHERE i.group_id IN (SELECT group_id FROM involved)
),

figures AS (
    -- Each source's latest claim per count measure (derived.latest_figures).
    SELECT measure, subject, unit, event, source_key, source, surface, value, low, high, as_of, claim_id
    FROM derived.latest_figures
    WHERE kind = 'count' AND subject IS NOT NULL
      AND group_id IN (SELECT group_id FROM involved_with_other_parts)
),

parts_needed AS (
    SELECT whole, count(DISTINCT part) AS n_parts FROM ref_event_parts GROUP BY whole
),

sums_of_parts AS (
    -- One source's figures for every part of a whole event, for one subject and unit, added up.
    SELECT
        concat_ws(' ', f.subject, replace(f.unit, ' ', '_'), ep.whole) AS measure,
        f.subject,
        f.unit,
        ep.whole AS event,
        f.source_key,
        min(f.source) AS source,
        string_agg(f.surface || ' ' || f.event, ' + ' ORDER BY f.event) AS surface,
        sum(f.value) AS value,
        sum(f.low) AS low,
        sum(f.high) AS high,
        max(f.as_of) AS as_of,
        list(f.claim_id ORDER BY f.event) AS claim_ids,
        TRUE AS is_sum
    FROM figures AS f
    JOIN ref_event_parts AS ep ON ep.part = f.event
    GROUP BY f.subject, f.unit, ep.whole, f.source_key
    HAVING count(DISTINCT f.event) = (SELECT n_parts FROM parts_needed WHERE whole = ep.whole)
),

part_figures AS (
    SELECT measure, subject, unit, event, source_key, source, surface, value, low, high, as_of,
           [claim_id] AS claim_ids, FALSE AS is_sum
    FROM figures
    UNION ALL
    SELECT * FROM sums_of_parts
),

part_measures AS (
    SELECT DISTINCT measure, subject, unit, event, is_sum FROM part_figures
),

whole_measures AS (
    -- A row per measure and subject part: a part measure meets the wholes containing its first part.
    SELECT DISTINCT measure, subject, unit, event, unnest(string_split(subject, '+')) AS part FROM figures
),

measure_pairs AS (
    -- Related measures, found by equality on the whole's event, unit and one subject part, then subject
    -- containment.
    SELECT
        p.measure AS part_measure,
        p.is_sum,
        w.measure AS whole_measure,
        CASE WHEN p.is_sum AND p.measure = w.measure THEN 'sum_equals_whole' ELSE 'part_within_whole' END
            AS relation
    FROM part_measures AS p
    JOIN (
        SELECT measure, event AS whole_event FROM part_measures
        UNION SELECT measure, whole FROM part_measures JOIN ref_event_parts ON part = event WHERE NOT is_sum
    ) AS pe ON pe.measure = p.measure
    JOIN (
        SELECT measure, unit AS whole_unit FROM part_measures
        UNION SELECT measure, family FROM part_measures JOIN ref_unit_families USING (unit)
    ) AS pu ON pu.measure = p.measure
    JOIN whole_measures AS w
        ON w.event = pe.whole_event AND w.unit = pu.whole_unit AND w.part = string_split(p.subject, '+')[1]
    WHERE list_has_all(string_split(w.subject, '+'), string_split(p.subject, '+'))
      AND (p.is_sum OR p.measure <> w.measure)
),

whole_extremes AS (
    -- Per whole measure, the figures that test a part hardest: the lowest high and the highest low.
    SELECT measure, 'lowest_high' AS test, arg_min(claim_id, (high, claim_id)) AS claim_id
    FROM figures GROUP BY measure
    UNION ALL
    SELECT measure, 'highest_low', arg_max(claim_id, (low, claim_id)) FROM figures GROUP BY measure
),

part_extremes AS (
    -- Per part measure and kind of part (a claim or a sum), the figures that test a whole hardest.
    SELECT measure, is_sum, 'highest_low' AS test, arg_max(claim_ids, (low, claim_ids)) AS claim_ids
    FROM part_figures GROUP BY measure, is_sum
    UNION ALL
    SELECT measure, is_sum, 'lowest_high', arg_min(claim_ids, (high, claim_ids))
    FROM part_figures GROUP BY measure, is_sum
),

tested_pairs AS (
    SELECT p.claim_ids, x.claim_id AS whole_claim_id, mp.relation
    FROM part_figures AS p
    JOIN measure_pairs AS mp ON mp.part_measure = p.measure AND mp.is_sum = p.is_sum
    JOIN whole_extremes AS x
        ON x.measure = mp.whole_measure AND (x.test = 'lowest_high' OR mp.relation = 'sum_equals_whole')
    UNION
    SELECT x.claim_ids, w.claim_id, mp.relation
    FROM figures AS w
    JOIN measure_pairs AS mp ON mp.whole_measure = w.measure
    JOIN part_extremes AS x
        ON x.measure = mp.part_measure AND x.is_sum = mp.is_sum
       AND (x.test = 'highest_low' OR mp.relation = 'sum_equals_whole')
),

judged AS (
    SELECT
        t.relation,
        p.*,
        CASE WHEN p.is_sum THEN p.surface ELSE p.surface || ' ' || p.event END AS label,
        w.measure AS whole_measure,
        w.source AS whole_source,
        w.surface AS whole_surface,
        w.value AS whole_value,
        w.event AS whole_event,
        w.low AS whole_low,
        w.high AS whole_high,
        w.as_of AS whole_as_of,
        w.claim_id AS whole_claim_id,
        CASE t.relation
            WHEN 'part_within_whole' THEN p.low <= w.high
            ELSE p.low <= w.high AND p.high >= w.low
        END AS consistent
    FROM tested_pairs AS t
    JOIN part_figures AS p ON p.claim_ids = t.claim_ids
    JOIN figures AS w ON w.claim_id = t.whole_claim_id
)

SELECT
    relation,
    consistent,
    label || ' = ' || readable_interval(low, high)
        || CASE relation WHEN 'part_within_whole' THEN ' <= ' ELSE ' overlaps ' END
        || whole_surface || ' ' || whole_event || ' ' || readable_interval(whole_low, whole_high) || ': '
        || CASE
               WHEN low > whole_high
                   THEN 'inconsistent, ' || readable_number(low) || ' > ' || readable_number(whole_high)
               WHEN relation = 'sum_equals_whole' AND high < whole_low
                   THEN 'inconsistent, ' || readable_number(high) || ' < ' || readable_number(whole_low)
               ELSE 'consistent, ' || readable_number(low) || ' <= ' || readable_number(whole_high)
           END AS arithmetic,
    measure AS part_measure,
    source AS part_source,
    surface AS part_surface,
    value AS part_value,
    low AS part_low,
    high AS part_high,
    as_of AS part_as_of,
    claim_ids AS part_claim_ids,
    whole_measure,
    whole_source,
    whole_surface,
    whole_value,
    whole_low,
    whole_high,
    whole_as_of,
    whole_claim_id,
    abs(date_diff('day', as_of, whole_as_of)) AS days_apart,
    is_sum AS part_is_sum
FROM judged
WHERE (measure, is_sum) IN (SELECT (measure, is_sum) FROM derived.composition_scope)
   OR whole_measure IN (SELECT measure FROM derived.composition_scope WHERE NOT is_sum);

CREATE TABLE IF NOT EXISTS derived.compositions AS FROM derived.compositions_of_pending LIMIT 0;

CREATE OR REPLACE VIEW compositions AS SELECT * EXCLUDE (part_is_sum) FROM derived.compositions;
