-- measure_summary: a row is one measure (more exactly one comparison group of claim_intervals:
-- measure, kind and, for non-counts, unit; normally a measure has one), summarising every
-- comparable claim about it.
--
--   n_claims      comparable claims (levels of count/money/percent/measurement/rate)
--   n_claimants   distinct sources; a claim the article itself asserts counts as its publisher
--                 (or the article when the publisher is unknown), see claim_intervals
--   claimants     those sources, sorted
--   n_articles    articles the claims come from
--   low / high    the lowest interval low and highest interval high (high is +infinity when some
--                 claim is open-ended, e.g. "at least 115,000")
--   best          median of the stated values (vague claims have none)
--   spread_ratio  largest value / smallest value (NULL unless the smallest is positive): 1 means
--                 every source agrees on the number, 3.3 means the highest is 3.3 times the lowest
--   first_seen / last_seen   earliest and latest as_of (falling back to the published date)
--   unit, subject, event     the most frequent one among the claims
-- Ordered by n_claimants, then n_claims: the most contested measures first.
CREATE OR REPLACE VIEW measure_summary AS
WITH
intervals AS (
    SELECT * FROM claim_intervals
),

sources AS (
    -- One name per source_key, so claimants and n_claimants agree on case variants.
    SELECT measure, kind, unit_key, source_key, min(source) AS source
    FROM intervals
    GROUP BY measure, kind, unit_key, source_key
),

source_lists AS (
    SELECT measure, kind, unit_key, count(*) AS n_claimants, list(source ORDER BY source) AS claimants
    FROM sources
    GROUP BY measure, kind, unit_key
),

claim_stats AS (
    SELECT
        measure,
        kind,
        unit_key,
        mode(unit) AS unit,
        mode(subject) AS subject,
        mode(event) AS event,
        count(*) AS n_claims,
        count(DISTINCT article_id) AS n_articles,
        min(low) AS low,
        median(value) AS best,
        max(high) AS high,
        round(CASE WHEN min(value) > 0 THEN max(value) / min(value) END, 3) AS spread_ratio,
        min(as_of) AS first_seen,
        max(as_of) AS last_seen
    FROM intervals
    GROUP BY measure, kind, unit_key
)

SELECT
    s.measure,
    s.kind,
    s.unit,
    s.subject,
    s.event,
    s.n_claims,
    l.n_claimants,
    l.claimants,
    s.n_articles,
    s.low,
    s.best,
    s.high,
    s.spread_ratio,
    s.first_seen,
    s.last_seen
FROM claim_stats AS s
JOIN source_lists AS l USING (measure, kind, unit_key)
ORDER BY l.n_claimants DESC, s.n_claims DESC, s.measure, s.kind, s.unit;
