-- claim_intervals: a row is one claim that can be compared with others, with the interval of
-- values it allows. This is the ONE place where "what range does this claim admit" is defined;
-- measure_summary, conflicts, revisions and compositions read it.
--
-- Which claims: levels of the kinds that are estimates of a quantity (count, money, percent,
-- measurement, rate) that carry at least one number, on a measure that says what is measured: a
-- subject or an event. Changes ("rose by 5,000", change NOT NULL), durations ("over the past two
-- years") and ages ("aged 21") are never compared, nor are figures with only a unit ("278kg",
-- "$40 million", "45%", "3,000 students"): every such figure of the ledger would meet under "kg",
-- "USD", "percent" or "students" and contradict the others, whatever each measured.
--
-- Comparison group: (measure, kind, unit_key). measure is the canonical measure of measure_keys
-- (synonyms of subject, unit and event folded), not the extractor's claims.measure; subject, unit
-- and event are the folded keys too. Claims are compared only within a group: like with like, so a
-- rate is never compared with a count. unit_key is '' for counts (their unit is the counted noun, "soldiers"
-- or "troops", which the measure already names) and the unit otherwise (a currency or physical unit:
-- 5 million USD and 5 million EUR are different claims). Each group has a number, group_id (in
-- derived.claim_intervals, not in this view): the stored rows of the other views are kept per group.
--
-- Interval [low, high] by qualifier; a bound the row itself sets (claims.low/high) wins, except for
-- exact, whose interval always comes from the value:
--   exact              value ± rounding slack: ±5 % when the value is a multiple of 100 (a round
--                      number such as 10,000 or 1.5 million is usually rounded), else ±0.5 %
--                      (40 missiles, 6 soldiers, 3.7 %: taken as written)
--   approx             value ± 10 %; "nearly"/"almost" set high = value, giving [0.9·v, v]
--   at_least/more_than [v, +infinity)
--   at_most/less_than  [0, v]  (from -infinity when v is negative)
--   range              [low, high] from the row; a movement ("rose from 120 to 340", trend set) is
--                      the level it reached, as exact
--   vague              [low, high] from the row ("thousands"), 0 and +infinity where unset
-- Intervals are closed: "more than 40" and "at most 40" touch at 40 and do not conflict.
-- stated_floor / stated_ceiling are the lowest and highest numbers the claim states, without slack
-- (the ends of a range, 115,000 for "at least 115,000"; "up to" and "fewer than" state no floor):
-- the analysts' summary rules of measure_summary count with these, not with the intervals.
--
-- Who claims it: the source is the claimant, or, when the article itself asserts the number
-- (claimant NULL), the article's publisher, or 'article <article_id>' when the publisher is
-- unknown. So two articles of one publisher asserting a number are one source. source_key and
-- source are that name's claimant_key and display name (claimant_names): "Zelenskyy" and
-- "President Volodymyr Zelensky" are one source, "Volodymyr Zelensky".
-- as_of falls back to the article's published date.
--
-- Stored (see sql/100_derived.sql): a refresh recomputes the rows of the claims of the articles loads
-- touched (derived.claim_intervals_of_pending), and the source of the claims of names whose key or
-- display name changed.
CREATE OR REPLACE VIEW derived.claim_intervals_of_pending AS
WITH
pending_articles AS (
    -- LEFT JOIN: a claim whose article is gone is still compared.
    SELECT p.article_id, a.publisher, a.published
    FROM (SELECT DISTINCT article_id FROM derived.pending_articles) AS p
    LEFT JOIN articles AS a USING (article_id)
),

comparable_claims AS (
    SELECT
        c.claim_id,
        c.article_id,
        k.measure,
        c.kind,
        k.comparison_unit,
        k.unit_key AS unit,
        k.subject_key AS subject,
        k.event_key AS event,
        k.group_id,
        c.qualifier,
        -- "rose from 120 to 340" is a movement, not an interval: it claims the level it reached (340,
        -- taken as written); the level it left is an earlier figure.
        CASE WHEN c.qualifier = 'range' AND c.trend IS NOT NULL THEN 'exact' ELSE c.qualifier END AS bounds_rule,
        c.surface,
        CASE WHEN c.qualifier <> 'range' OR c.trend IS NULL THEN c.value
             WHEN c.trend = 'up' THEN c.high ELSE c.low END AS value,
        CASE WHEN c.qualifier <> 'range' OR c.trend IS NULL THEN c.low END AS low,
        CASE WHEN c.qualifier <> 'range' OR c.trend IS NULL THEN c.high END AS high,
        c.claimant,
        a.publisher,
        coalesce(c.as_of, a.published) AS seen_on,
        coalesce(n.claimant_name, 'article ' || c.article_id) AS source,
        coalesce(n.claimant_key, 'article ' || c.article_id) AS source_key
    FROM claims AS c
    JOIN pending_articles AS a USING (article_id)
    LEFT JOIN derived.measure_keys AS k
        ON k.subject IS NOT DISTINCT FROM c.subject AND k.unit IS NOT DISTINCT FROM c.unit
       AND k.event IS NOT DISTINCT FROM c.event AND k.kind = c.kind
    LEFT JOIN derived.claimant_names AS n ON n.name = coalesce(c.claimant, a.publisher)
    WHERE c.change IS NULL
      AND c.kind IN ('count', 'money', 'percent', 'measurement', 'rate')
      AND (k.subject_key IS NOT NULL OR k.event_key IS NOT NULL)
      AND (c.value IS NOT NULL OR c.low IS NOT NULL OR c.high IS NOT NULL)
),

claims_with_slack AS (
    SELECT
        *,
        abs(value) * CASE WHEN value <> 0 AND value % 100 = 0 THEN 0.05 ELSE 0.005 END AS rounding_slack,
        abs(value) * 0.10 AS approx_slack
    FROM comparable_claims
),

claims_with_interval AS (
    SELECT
        *,
        CASE bounds_rule
            WHEN 'exact' THEN value - rounding_slack
            WHEN 'approx' THEN coalesce(low, value - approx_slack)
            WHEN 'at_least' THEN coalesce(low, value)
            WHEN 'more_than' THEN coalesce(low, value)
            WHEN 'at_most' THEN coalesce(low, CASE WHEN coalesce(high, value) < 0 THEN '-infinity'::DOUBLE ELSE 0 END)
            WHEN 'less_than' THEN coalesce(low, CASE WHEN coalesce(high, value) < 0 THEN '-infinity'::DOUBLE ELSE 0 END)
            WHEN 'vague' THEN coalesce(low, 0)
            ELSE coalesce(low, value)
        END AS interval_low,
        CASE bounds_rule
            WHEN 'exact' THEN value + rounding_slack
            WHEN 'approx' THEN coalesce(high, value + approx_slack)
            WHEN 'at_least' THEN coalesce(high, 'infinity'::DOUBLE)
            WHEN 'more_than' THEN coalesce(high, 'infinity'::DOUBLE)
            WHEN 'vague' THEN coalesce(high, 'infinity'::DOUBLE)
            ELSE coalesce(high, value)
        END AS interval_high
    FROM claims_with_slack
)

SELECT
    claim_id,
    article_id,
    measure,
    kind,
    comparison_unit AS unit_key,
    unit,
    subject,
    event,
    qualifier,
    surface,
    value,
    -- The numbers as written, without slack: what the summary rules (measure_summary) count with.
    CASE WHEN qualifier NOT IN ('at_most', 'less_than') THEN coalesce(low, value) END AS stated_floor,
    coalesce(high, value) AS stated_ceiling,
    interval_low AS low,
    interval_high AS high,
    claimant,
    publisher,
    source,
    source_key,
    seen_on AS as_of,
    group_id
FROM claims_with_interval
-- An exact claim without a value, say, has no interval: nothing to compare.
WHERE interval_low IS NOT NULL AND interval_high IS NOT NULL;

CREATE TABLE IF NOT EXISTS derived.claim_intervals AS FROM derived.claim_intervals_of_pending LIMIT 0;

-- The stored claims of the pending groups, copied once for the views that recompute those groups.
CREATE TABLE IF NOT EXISTS derived.pending_claims AS FROM derived.claim_intervals LIMIT 0;

CREATE OR REPLACE VIEW claim_intervals AS SELECT * EXCLUDE (group_id) FROM derived.claim_intervals;
