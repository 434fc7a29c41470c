-- measure_summary: a row is one measure (more exactly one comparison group of claim_intervals:
-- canonical measure, kind and, for non-counts, unit; normally a measure has one), summarising every
-- comparable claim about it, with the counting rules analysts know side by side.
--
--   n_claims      comparable claims (levels of count/money/percent/measurement/rate)
--   n_claimants   distinct sources (claimant keys); a claim the article itself asserts counts as its
--                 publisher (or the article when the publisher is unknown), see claim_intervals
--   claimants     their display names, sorted
--   n_articles    articles the claims come from
--   low / high    the lowest interval low and highest interval high of any claim (high is +infinity
--                 when some claim is open-ended, e.g. "at least 115,000"): what all claims admit
--   best          median of the stated values of every claim (vague claims have none)
--
-- The rules, each over "figures" = the numbers as stated (stated_floor / stated_ceiling, no slack):
--   ucdp_low / ucdp_best / ucdp_high   UCDP-style: one vote per source, its latest claim (by as_of);
--                 low = the lowest floor, high = the highest ceiling, best = the median of their values
--   acled_conservative   ACLED-style conservative figure: the lowest number reported as a figure among
--                 the sources' latest claims ("at least 115,000" counts 115,000, a range its low end);
--                 unlike ucdp_low, a vague "thousands" does not count, and "up to" claims state none
--   ibc_min / ibc_max    IBC-style min–max: the lowest floor and highest ceiling of every claim ever
--                 made, whatever its date or source
--   latest_value, latest_surface, latest_claimant, latest_as_of   the most recent claim (on one
--                 day, a stated value beats a vague one, and the higher value wins)
--   spread_ratio  largest value / smallest value (NULL unless the smallest is positive): 1 means
--                 every source agrees on the number, 3.3 means the highest is 3.3 times the lowest
--   first_seen / last_seen   earliest and latest as_of (falling back to the published date)
--   unit, subject, event     the folded keys the measure is made of
-- Unordered, as sorting millions of rows costs more than reading them (it doubled the time of
-- reading the whole view on 10 M claims): `ORDER BY n_claimants DESC, n_claims DESC` reads the most
-- contested measures first (the export does).
--
-- Stored (see sql/100_derived.sql): a refresh recomputes the rows of the pending comparison groups.
CREATE OR REPLACE VIEW derived.measure_summary_of_pending AS
WITH
source_rules AS (
    -- Over each source's latest claim (derived.latest_figures).
    SELECT
        group_id,
        min(stated_floor) AS ucdp_low,
        median(value) AS ucdp_best,
        max(stated_ceiling) AS ucdp_high,
        min(stated_floor) FILTER (WHERE qualifier <> 'vague') AS acled_conservative,
        count(*) AS n_claimants,
        list(source ORDER BY source) AS claimants
    FROM derived.latest_figures
    WHERE group_id IN (SELECT group_id FROM derived.pending_groups)
    GROUP BY group_id
),

claim_stats AS (
    SELECT
        group_id,
        min(measure) AS measure,
        min(kind) AS kind,
        -- The measure is made of these keys, so each has one value in a group.
        min(unit) AS unit,
        min(subject) AS subject,
        min(event) AS event,
        count(*) AS n_claims,
        count(DISTINCT article_id) AS n_articles,
        min(low) AS low,
        median(value) AS best,
        max(high) AS high,
        min(stated_floor) AS ibc_min,
        max(stated_ceiling) AS ibc_max,
        arg_max(
            {'value': value, 'surface': surface, 'claimant': source, 'as_of': as_of},
            (coalesce(as_of, DATE '0001-01-01'), value IS NOT NULL, value, claim_id)
        ) AS latest,
        round(CASE WHEN min(value) > 0 THEN max(value) / min(value) END, 3) AS spread_ratio,
        min(as_of) AS first_seen,
        max(as_of) AS last_seen
    FROM derived.pending_claims
    GROUP BY group_id
)

SELECT
    s.measure,
    s.kind,
    s.unit,
    s.subject,
    s.event,
    s.n_claims,
    r.n_claimants,
    r.claimants,
    s.n_articles,
    s.low,
    s.best,
    s.high,
    r.ucdp_low,
    r.ucdp_best,
    r.ucdp_high,
    r.acled_conservative,
    s.ibc_min,
    s.ibc_max,
    s.latest.value AS latest_value,
    s.latest.surface AS latest_surface,
    s.latest.claimant AS latest_claimant,
    s.latest.as_of AS latest_as_of,
    s.spread_ratio,
    s.first_seen,
    s.last_seen,
    s.group_id
FROM claim_stats AS s
JOIN source_rules AS r USING (group_id);

CREATE TABLE IF NOT EXISTS derived.measure_summary AS FROM derived.measure_summary_of_pending LIMIT 0;

CREATE OR REPLACE VIEW measure_summary AS SELECT * EXCLUDE (group_id) FROM derived.measure_summary;
