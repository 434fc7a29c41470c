-- derived.latest_figures (internal, no public view): a row is one source's latest claim in one
-- comparison group (claim_intervals: measure, kind, unit_key; source by claimant key): the claim with
-- the latest as_of; on one day, one with a stated value beats a vague one and the higher value wins;
-- then the larger claim_id, so the choice is deterministic. Claims with no date count as the earliest.
--
-- measure_summary's per-source rules (UCDP, ACLED) and compositions' figures read it. Stored and
-- refreshed per pending group (see sql/100_derived.sql), like the views.
CREATE OR REPLACE VIEW derived.latest_figures_of_pending AS
SELECT group_id, source_key, latest.*
FROM (
    SELECT
        group_id,
        source_key,
        arg_max(
            {'measure': measure, 'kind': kind, 'unit_key': unit_key, 'subject': subject, 'unit': unit,
             'event': event, 'source': source, 'surface': surface, 'qualifier': qualifier, 'value': value,
             'low': low, 'high': high, 'stated_floor': stated_floor, 'stated_ceiling': stated_ceiling,
             'as_of': as_of, 'claim_id': claim_id},
            (coalesce(as_of, DATE '0001-01-01'), value IS NOT NULL, value, claim_id)
        ) AS latest
    FROM derived.pending_claims
    GROUP BY group_id, source_key
);

CREATE TABLE IF NOT EXISTS derived.latest_figures AS FROM derived.latest_figures_of_pending LIMIT 0;
