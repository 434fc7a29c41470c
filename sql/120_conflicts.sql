-- conflicts: a row is a pair of claims on one measure, from two different sources (claimant keys),
-- made at about the same time, whose comparison intervals (claim_intervals) do not overlap: the
-- sources cannot both be right.
--
-- About the same time: a count like a death toll rises, so 100 killed in January and 500 killed in
-- March are a revision (see the revisions view), not a conflict. Time is cut into 30-day periods
-- (period = days since 1970-01-01 / 30, rounded down, from as_of, which falls back to the published
-- date); claims are compared when their periods are the same or adjacent. So claims within 30 days
-- of each other are always compared, 31 to 59 days apart sometimes (when their periods adjoin), 60
-- or more never. days_apart says how far apart they are. Claims with no date at all form one period
-- of their own and are compared only with each other.
--
-- Side a is the higher claim, side b the lower: their intervals do not overlap, so a's whole
-- interval lies above b's (low_a > high_b) and value_a >= value_b. Columns: measure and kind;
-- for each side claimant (NULL: the article asserts it), source (who the comparison treats as the
-- claimant's display name, see claim_intervals), value, low, high (the comparison interval),
-- surface, as_of, publisher, article_id, claim_id; days_apart; and ratio = value_a / value_b (NULL
-- when a value is missing, as for vague claims, or value_b is not positive). Unordered, as sorting
-- millions of rows costs more than finding them: `ORDER BY ratio DESC NULLS LAST` reads the largest
-- disagreement first (the export does).
--
-- Which pairs: every claim that some other source contradicts is listed with the claim of another
-- source, among those it is compared with, that lies FURTHEST from it, above (the highest low) and
-- below (the lowest high). So each contradicted claim appears at least once, with its strongest
-- contradiction, and a measure of n claims gives at most 2n rows. Pairs of milder disagreement
-- behind a stronger one are not listed (with exact claims of 3,000, 5,000, 6,000 and 10,000 from
-- four sources, 5,000 and 6,000 are each listed against 3,000 and 10,000, not against each other):
-- the full list of pairs grows with the square of the claims and buries the analyst; query
-- claim_intervals directly for it.
--
-- How, without comparing every pair: per comparison group, period and source, how high its claims
-- reach (the highest low) over that period and the two adjacent ones; per group and period, the two
-- sources reaching highest: whichever source a claim has, one of those two is another source, and
-- its reach is the furthest claim above. Likewise below with the lowest high. Only then, for the
-- claims so contradicted, is the claim behind that reach looked up. That is a few hash aggregates of
-- numbers and joins on equality: linear in the number of claims, no window sorts. Ties are broken by
-- the source key (between sources reaching as far) and by claim_id (between one source's claims),
-- so the view is deterministic.
--
-- Stored (see sql/100_derived.sql): a refresh recomputes the rows of the pending comparison groups.
CREATE OR REPLACE VIEW derived.conflicts_of_pending AS
WITH
intervals AS NOT MATERIALIZED (
    SELECT
        *,
        -- -1e9: undated claims, a period no dated claim is in or next to.
        coalesce(date_diff('day', DATE '1970-01-01', as_of) // 30, -1000000000) AS period
    FROM derived.pending_claims
),

source_reach AS (
    -- Per group, period and source: how high its claims reach (highest low) and how low (lowest high).
    SELECT group_id, period, source_key, max(low) AS top, min(high) AS bottom
    FROM intervals
    GROUP BY ALL
),

seen_from_periods AS (
    -- The same, as seen from each period it is compared with: its own and the two adjacent ones.
    SELECT group_id, period + shift AS period, source_key, max(top) AS top, min(bottom) AS bottom
    FROM source_reach, (VALUES (-1), (0), (1)) AS shifts(shift)
    GROUP BY ALL
),

candidates AS (
    -- Per group and period, the two sources reaching highest and the two reaching lowest: whatever
    -- a claim's own source, one of each pair is another source.
    SELECT
        group_id,
        period,
        min_by({'source_key': source_key, 'low': top}, (-top, source_key), 2) AS tops,
        min_by({'source_key': source_key, 'high': bottom}, (bottom, source_key), 2) AS bottoms
    FROM seen_from_periods
    GROUP BY ALL
),

furthest AS (
    -- Each claim with how far the other sources reach above and below it.
    SELECT
        c.claim_id,
        c.group_id,
        c.period,
        c.low,
        c.high,
        CASE WHEN x.tops[1].source_key <> c.source_key THEN x.tops[1] ELSE x.tops[2] END AS above,
        CASE WHEN x.bottoms[1].source_key <> c.source_key THEN x.bottoms[1] ELSE x.bottoms[2] END AS below
    FROM intervals AS c
    JOIN candidates AS x USING (group_id, period)
),

contradicted AS (
    -- ... when that lies wholly above (or below) it: a row per claim and side.
    SELECT claim_id, group_id, period, 'above' AS side, above.source_key, above.low AS reach
    FROM furthest
    WHERE above.low > high
    UNION ALL
    SELECT claim_id, group_id, period, 'below', below.source_key, below.high
    FROM furthest
    WHERE below.high < low
),

behind AS (
    -- The claim behind each such reach: that source's claim with that low (or high) in the window of
    -- the period, the smaller claim_id on a tie.
    SELECT r.group_id, r.period, r.side, r.source_key, min(i.claim_id) AS claim_id
    FROM (SELECT DISTINCT group_id, period, side, source_key, reach FROM contradicted) AS r
    JOIN intervals AS i
        ON i.group_id = r.group_id AND i.source_key = r.source_key
       AND r.reach = CASE r.side WHEN 'above' THEN i.low ELSE i.high END
       AND i.period BETWEEN r.period - 1 AND r.period + 1
    GROUP BY ALL
),

conflicting_pairs AS (
    -- DISTINCT: a pair found from both of its ends is listed once.
    SELECT DISTINCT
        CASE c.side WHEN 'above' THEN b.claim_id ELSE c.claim_id END AS upper_id,
        CASE c.side WHEN 'above' THEN c.claim_id ELSE b.claim_id END AS lower_id
    FROM contradicted AS c
    JOIN behind AS b USING (group_id, period, side, source_key)
)

SELECT
    a.measure,
    a.kind,
    a.claimant AS claimant_a,
    a.source AS source_a,
    a.value AS value_a,
    a.low AS low_a,
    a.high AS high_a,
    b.claimant AS claimant_b,
    b.source AS source_b,
    b.value AS value_b,
    b.low AS low_b,
    b.high AS high_b,
    round(CASE WHEN b.value > 0 THEN a.value / b.value END, 3) AS ratio,
    abs(date_diff('day', a.as_of, b.as_of)) AS days_apart,
    a.surface AS surface_a,
    b.surface AS surface_b,
    a.as_of AS as_of_a,
    b.as_of AS as_of_b,
    a.publisher AS publisher_a,
    b.publisher AS publisher_b,
    a.article_id AS article_id_a,
    b.article_id AS article_id_b,
    a.claim_id AS claim_id_a,
    b.claim_id AS claim_id_b,
    a.group_id
FROM conflicting_pairs AS p
JOIN intervals AS a ON a.claim_id = p.upper_id
JOIN intervals AS b ON b.claim_id = p.lower_id;

CREATE TABLE IF NOT EXISTS derived.conflicts AS FROM derived.conflicts_of_pending LIMIT 0;

CREATE OR REPLACE VIEW conflicts AS SELECT * EXCLUDE (group_id) FROM derived.conflicts;
