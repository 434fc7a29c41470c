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
-- claimant, see claim_intervals), value, low, high (the comparison interval), surface, as_of,
-- publisher, article_id, claim_id; days_apart; and ratio = value_a / value_b (NULL when a value is missing,
-- as for vague claims, or value_b is not positive). Ordered by ratio, largest disagreement first.
--
-- Which pairs: every claim that some other source contradicts is listed with the claim of another
-- source that lies FURTHEST from it, above (the highest low) and below (the lowest high). So each
-- contradicted claim appears at least once, with its strongest contradiction, and a measure of n
-- claims gives at most 2n rows. Pairs of milder disagreement behind a stronger one are not listed
-- (with exact claims of 3,000, 5,000, 6,000 and 10,000 from four sources, 5,000 and 6,000 are each
-- listed against 3,000 and 10,000, not against each other): the full list of pairs grows with the
-- square of the claims and buries the analyst; query claim_intervals directly for it.
--
-- How, without comparing every pair: per comparison group and period, take each source's
-- highest-reaching claim (highest low) and keep the top two sources; whichever source a claim has,
-- one of those two is another source, and the best of them over the claim's own and the two adjacent
-- periods is the furthest claim above it. Likewise below with the lowest high. That is a sort per
-- group and period and joins with at most six candidates a claim: linear in the number of claims.
-- Ties are broken by claim_id, so the view is deterministic.
CREATE OR REPLACE VIEW conflicts AS
WITH
intervals AS (
    SELECT
        *,
        -- -1e9: undated claims, a period no dated claim is in or next to.
        coalesce(date_diff('day', DATE '1970-01-01', as_of) // 30, -1000000000) AS period
    FROM claim_intervals
),

neighbouring_periods AS (
    -- Each claim with the periods it is compared against: its own and the two adjacent ones.
    SELECT c.*, c.period + shift AS other_period
    FROM intervals AS c, (VALUES (-1), (0), (1)) AS shifts(shift)
),

highest_claim_per_source AS (
    SELECT measure, kind, unit_key, period, source_key, claim_id, low
    FROM intervals
    QUALIFY row_number() OVER (
        PARTITION BY measure, kind, unit_key, period, source_key ORDER BY low DESC, claim_id
    ) = 1
),

two_highest_sources AS (
    SELECT *
    FROM highest_claim_per_source
    QUALIFY row_number() OVER (PARTITION BY measure, kind, unit_key, period ORDER BY low DESC, claim_id) <= 2
),

lowest_claim_per_source AS (
    SELECT measure, kind, unit_key, period, source_key, claim_id, high
    FROM intervals
    QUALIFY row_number() OVER (
        PARTITION BY measure, kind, unit_key, period, source_key ORDER BY high, claim_id
    ) = 1
),

two_lowest_sources AS (
    SELECT *
    FROM lowest_claim_per_source
    QUALIFY row_number() OVER (PARTITION BY measure, kind, unit_key, period ORDER BY high, claim_id) <= 2
),

furthest_above AS (
    -- Each claim with the other source's claim reaching highest, when that lies wholly above it.
    SELECT top.claim_id AS upper_id, c.claim_id AS lower_id
    FROM neighbouring_periods AS c
    JOIN two_highest_sources AS top
        ON top.measure = c.measure AND top.kind = c.kind AND top.unit_key = c.unit_key
       AND top.period = c.other_period
    WHERE top.source_key <> c.source_key AND top.low > c.high
    QUALIFY row_number() OVER (PARTITION BY c.claim_id ORDER BY top.low DESC, top.claim_id) = 1
),

furthest_below AS (
    -- Each claim with the other source's claim reaching lowest, when that lies wholly below it.
    SELECT c.claim_id AS upper_id, bottom.claim_id AS lower_id
    FROM neighbouring_periods AS c
    JOIN two_lowest_sources AS bottom
        ON bottom.measure = c.measure AND bottom.kind = c.kind AND bottom.unit_key = c.unit_key
       AND bottom.period = c.other_period
    WHERE bottom.source_key <> c.source_key AND bottom.high < c.low
    QUALIFY row_number() OVER (PARTITION BY c.claim_id ORDER BY bottom.high, bottom.claim_id) = 1
),

conflicting_pairs AS (
    -- UNION, not UNION ALL: a pair found from both of its ends is listed once.
    SELECT upper_id, lower_id FROM furthest_above
    UNION
    SELECT upper_id, lower_id FROM furthest_below
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
    b.claim_id AS claim_id_b
FROM conflicting_pairs AS p
JOIN intervals AS a ON a.claim_id = p.upper_id
JOIN intervals AS b ON b.claim_id = p.lower_id
ORDER BY ratio DESC NULLS LAST, a.measure, a.claim_id, b.claim_id;
