-- derived: where the comparison views keep their rows, and how those rows follow the ledger.
--
-- The views (claimant_names, measure_keys, claim_intervals, measure_summary, conflicts, revisions,
-- compositions) read tables of the schema `derived` instead of computing from `claims` on every
-- query: on 10 M claims, computing them took from 11 s to several minutes; reading them takes about
-- as long as copying their rows. Each view's file has three parts:
--   derived.<view>_of_pending   its rules, as a view over the part of the ledger being refreshed
--   derived.<view>              the stored rows (the rules' columns, plus group_id where rows belong
--                               to a comparison group)
--   <view>                      the public view: the stored rows, the internal columns left out
--
-- Refresh (flows/refresh.py): `estimates run` refreshes at its end, so a query right after a run
-- sees its data. Loads note the articles they touch in derived.stale_articles (in the load's own
-- transaction, so a crash loses nothing: the next refresh still sees them). A refresh:
--   1. recomputes the claimant names (cheap: one row per name) and gives the stored claims of names
--      whose key or display name changed their new source
--   2. folds the subject/unit/event combinations of the stale articles' claims not folded yet,
--      numbering new comparison groups (measure, kind, unit_key) in derived.groups, and replaces the
--      stale articles' rows of derived.claim_intervals
--   3. recomputes every stored row of each comparison group those claims (and the re-attributed
--      ones) were in or are now in: latest_figures, measure_summary, conflicts, revisions
--   4. recomputes the compositions rows whose part or whole is the measure of such a group
-- So a refresh costs in proportion to the groups a run touched, not to the ledger. It works in
-- slices of articles, then of groups, a transaction each, so memory stays bounded on a first run
-- over millions of claims; the groups still to do are kept in derived.stale_groups, so a refresh
-- cut short (a killed run) is finished by the next one. It starts from scratch when its inputs
-- changed in a way a group cannot tell: when the lexicon tables (ref_*, title_pattern()) or this SQL
-- differ from those of the last refresh (derived.refreshed holds their fingerprint; a rebuild cut
-- short is started again). Editing a lexicon therefore regroups every stored claim at the next run,
-- without re-extraction.
--
-- Between a load and the refresh (within a run, or after a run killed before its end) the views
-- show the ledger as of the last refresh; the next run brings them up to date.
--
-- A stored table is created with its rules' columns when missing, and a rebuild recreates it from
-- them, so new columns arrive with the rebuild a change of this SQL brings. Only a rule reading a
-- column that an older stored table lacks would fail to be created at connect: drop that table in
-- its file first.
CREATE SCHEMA IF NOT EXISTS derived;

-- Articles whose claims or metadata a load wrote or deleted since the last refresh (repeats allowed).
CREATE TABLE IF NOT EXISTS derived.stale_articles (article_id VARCHAR);

-- The fingerprint of the lexicon tables and this SQL at the last refresh, and what it did.
CREATE TABLE IF NOT EXISTS derived.refreshed (
    fingerprint VARCHAR, refreshed_at TIMESTAMP, full_rebuild BOOLEAN, articles BIGINT, groups BIGINT
);

-- Comparison groups whose rows are still to be recomputed: stage 'rows' (every per-group table),
-- then 'compositions'. Empty between refreshes unless one was cut short.
CREATE TABLE IF NOT EXISTS derived.stale_groups (group_id INTEGER, stage VARCHAR);

-- The slice a refresh is working on, empty between refreshes: the articles whose claims are
-- recomputed, or the comparison groups whose rows are (the views' rules read these).
CREATE TABLE IF NOT EXISTS derived.pending_articles (article_id VARCHAR);
CREATE TABLE IF NOT EXISTS derived.pending_groups (group_id INTEGER);

-- Comparison groups, numbered once: claims are compared only within one (see claim_intervals).
CREATE SEQUENCE IF NOT EXISTS derived.group_ids;
CREATE TABLE IF NOT EXISTS derived.groups (group_id INTEGER, measure VARCHAR, kind VARCHAR, unit_key VARCHAR);
