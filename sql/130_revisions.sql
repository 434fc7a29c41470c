-- revisions: a row is one figure in one source's changing series for one measure, in date order:
-- the source's figure when it first gave one and each time it gave a different one later.
-- A source that only ever repeats one figure has no rows; conflicts, not revisions, are about
-- two sources.
--
-- The figure of a day: when a source makes several claims on one measure on one as_of date (one
-- article restating a number, or several articles that day), the day's figure is the one with a
-- stated value, the highest (vague "thousands" yields to "10,000"). A figure differs from the one
-- before when its value, stated floor or stated ceiling (claim_intervals) differ: "at least 1,000"
-- after "1,000" is a revision. Claims with no date (no as_of, no published date) cannot be ordered
-- and are left out.
--
--   measure, kind, unit_key, source (display name), source_key   whose series, about what
--   step           1 for the first figure, then 2, 3, … in date order
--   as_of, value, low, high, surface, claim_id, article_id, publisher   the figure and where it is
--                  (low/high: the comparison interval)
--   previous_as_of, previous_value, previous_surface   the figure it replaces (NULL at step 1)
--   direction      'first', 'up', 'down', or 'restated' (same value, other bounds, or no values)
--   ratio          value / previous value (NULL when either is missing or the previous is not positive)
--   days_since_previous
--
-- Stored (see sql/100_derived.sql): a refresh recomputes the rows of the pending comparison groups.
CREATE OR REPLACE VIEW derived.revisions_of_pending AS
WITH
figure_of_the_day AS (
    SELECT *
    FROM derived.pending_claims
    WHERE as_of IS NOT NULL
    QUALIFY row_number() OVER (
        PARTITION BY group_id, source_key, as_of
        ORDER BY value IS NULL, value DESC, claim_id
    ) = 1
),

with_previous AS (
    SELECT
        *,
        lag(value) OVER series AS day_before_value,
        lag(stated_floor) OVER series AS day_before_floor,
        lag(stated_ceiling) OVER series AS day_before_ceiling,
        row_number() OVER series AS day_no
    FROM figure_of_the_day
    WINDOW series AS (PARTITION BY group_id, source_key ORDER BY as_of)
),

changed_figures AS (
    -- The first figure, and each day whose figure differs from the day before's.
    SELECT *
    FROM with_previous
    WHERE day_no = 1
       OR value IS DISTINCT FROM day_before_value
       OR stated_floor IS DISTINCT FROM day_before_floor
       OR stated_ceiling IS DISTINCT FROM day_before_ceiling
),

series AS (
    SELECT
        *,
        row_number() OVER series AS step,
        count(*) OVER (PARTITION BY group_id, source_key) AS n_figures,
        lag(as_of) OVER series AS previous_as_of,
        lag(value) OVER series AS previous_value,
        lag(surface) OVER series AS previous_surface
    FROM changed_figures
    WINDOW series AS (PARTITION BY group_id, source_key ORDER BY as_of)
)

SELECT
    measure,
    kind,
    unit_key,
    source,
    source_key,
    step,
    as_of,
    value,
    low,
    high,
    surface,
    previous_as_of,
    previous_value,
    previous_surface,
    CASE
        WHEN step = 1 THEN 'first'
        WHEN value > previous_value THEN 'up'
        WHEN value < previous_value THEN 'down'
        ELSE 'restated'
    END AS direction,
    round(CASE WHEN previous_value > 0 THEN value / previous_value END, 3) AS ratio,
    date_diff('day', previous_as_of, as_of) AS days_since_previous,
    claim_id,
    article_id,
    publisher,
    group_id
FROM series
WHERE n_figures > 1;

CREATE TABLE IF NOT EXISTS derived.revisions AS FROM derived.revisions_of_pending LIMIT 0;

CREATE OR REPLACE VIEW revisions AS
SELECT * EXCLUDE (group_id) FROM derived.revisions ORDER BY measure, kind, source_key, step;
