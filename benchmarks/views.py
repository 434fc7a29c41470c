"""Views and loading at scale: the comparison views over a synthetic `claims` table of 10 M rows,
and validating and loading 1 M claims.

The synthetic ledger is made in SQL from row numbers (a hash of the row number stands in for
randomness, so every machine and thread count gives the same table) with the skew of real
coverage: a few measures every outlet reports, a long tail mentioned once or twice.

    measures      claims each   claims
    5             100,000       500,000
    50            10,000        500,000
    500           1,000         500,000
    5,000         100           500,000
    rest          about 2       8,000,000 (for 10 M claims)

Four claims in five lie within 15 % of their measure's value, the rest from 0.3 to 3 times it. The
top and large measures count people killed, and each large measure's subject combines a top one's
with another ("top 3+other 13"), so compositions has 10,000-claim wholes over 100,000-claim parts.
Claims of a measure are spread through the table (loaded in article order, not measure order),
20 claims an article, 500 publishers, 2,000 named claimants (40 % of claims have none: the article
asserts them), qualifiers and kinds in proportions like our gold set's, one claim in ten a change.
The views read rows a refresh stores (flows/refresh.py, sql/100_derived.sql), so their cost is in
two places, both timed:
- the refresh: from scratch (a first run, or a lexicon or view SQL change; done when the stored rows
  are missing or stale, or with --full-refresh), and after a pipeline-sized batch of --batch-articles
  articles is loaded (the batch's articles are noted stale, as a load notes them, and refreshed:
  their claims and every row of the comparison groups they are in are recomputed), best of --repeat;
- each view, by materialising its whole result in DuckDB (CREATE TEMP TABLE AS) on a read-only
  connection, as exports and queries read it, best of --repeat: claim_intervals, measure_summary,
  conflicts and compositions (reported as missing where absent), then any other view. The
  connection gets DuckDB memory limit --memory-limit (default 1GB; "" for DuckDB's own, 80 % of
  RAM): the materialised rows spill to disk beyond it.
Peak memory (the process's maximum resident set) is printed after each part.

    .venv/bin/python benchmarks/views.py [--claims 10000000] [--load 1000000] [--batch 10000] [--repeat 3]
                                         [--batch-articles 500] [--full-refresh] [--memory-limit 1GB]

The database goes to data/bench/views.duckdb (git-ignored) and is reused when the same generator
made it with the same number of claims; --rebuild makes it again.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from flows import load as load_step
from flows.refresh import MEMORY_LIMIT, refresh
from schemas import validate

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "data" / "bench"
VIEWS = ("claim_intervals", "measure_summary", "conflicts", "compositions")
CLAIMS_PER_ARTICLE = 20

# {n} is the number of claims. u(i, k) is a uniform number in [0, 1) drawn from row i and salt k.
SYNTHETIC_CLAIMS = """
CREATE OR REPLACE MACRO u(i, k) AS (hash(i, k) % 1000003) / 1000003.0;
CREATE OR REPLACE TEMP TABLE synthetic AS
WITH rows AS (SELECT range AS i FROM range({n})),
measured AS (
    SELECT i,
        CASE
            WHEN i < 500000 THEN 'top ' || (i % 5)
            WHEN i < 1000000 THEN 'large ' || (i % 50)
            WHEN i < 1500000 THEN 'medium ' || (i % 500)
            WHEN i < 2000000 THEN 'small ' || (i % 5000)
            ELSE 'tail ' || (i % greatest(({n} - 2000000) // 2, 1))
        END AS measure,
        -- The 50 large measures count a combined subject whose first part is one of the 5 top measures
        -- ("top 3+other 13"), so compositions tests 10,000-claim wholes against 100,000-claim parts.
        CASE WHEN i >= 500000 AND i < 1000000 THEN 'top ' || (i % 5) || '+other ' || (i % 50) END AS whole
    FROM rows
),
drawn AS (
    SELECT *,
        u(i, 1) AS r_qualifier, u(i, 2) AS r_value, u(i, 3) AS r_claimant, u(i, 4) AS r_change,
        hash(measure) AS measure_hash
    FROM measured
)
SELECT
    substr(md5(i::VARCHAR), 1, 16) AS claim_id,
    substr(md5('a' || (i // {per_article})::VARCHAR), 1, 16) AS article_id,
    (i % {per_article}) * 200 AS char_start,
    (i % {per_article}) * 200 + 12 AS char_end,
    'about 10,000' AS surface,
    'Officials said about 10,000 people were affected, according to the report.' AS sentence,
    CASE WHEN qualifier = 'vague' THEN NULL ELSE stated END AS value,
    CASE WHEN qualifier = 'range' THEN stated * 0.8 WHEN qualifier = 'vague' THEN base END AS low,
    CASE WHEN qualifier = 'range' THEN stated * 1.2 WHEN qualifier = 'vague' THEN base * 10 END AS high,
    qualifier,
    kind,
    CASE kind WHEN 'money' THEN 'USD' WHEN 'percent' THEN 'percent' WHEN 'measurement' THEN 'km'
              ELSE 'people' END AS unit,
    -- The views group by subject, unit and event (sql/101_measure_keys.sql): the subject carries the
    -- measure, so each synthetic measure stays one group.
    coalesce(whole, measure) AS subject,
    CASE WHEN whole IS NOT NULL OR measure LIKE 'top %' OR measure_hash % 3 = 0 THEN 'killed' END AS event,
    measure,
    CASE WHEN r_claimant < 0.4 THEN NULL ELSE 'claimant ' || (hash(i, 5) % 2000) END AS claimant,
    DATE '2024-01-01' + (hash(i, 6) % 366)::INTEGER AS as_of,
    CASE WHEN r_change < 0.05 THEN 'up' WHEN r_change < 0.1 THEN 'down' END AS change,
    NULL AS via,
    CASE WHEN r_claimant >= 0.4 THEN 'official' END AS claimant_kind,
    'bench' AS extractor_version
FROM (
    SELECT *,
        pow(10, 1 + measure_hash % 6) AS base,
        -- Four claims in five within 15 % of the measure's base value, the rest from 0.3 to 3 times it.
        pow(10, 1 + measure_hash % 6)
            * CASE WHEN r_value < 0.8 THEN 0.85 + 0.375 * r_value ELSE 0.3 + 13.5 * (r_value - 0.8) END
            AS stated,
        CASE WHEN r_qualifier < 0.50 THEN 'exact' WHEN r_qualifier < 0.70 THEN 'approx'
             WHEN r_qualifier < 0.78 THEN 'more_than' WHEN r_qualifier < 0.83 THEN 'at_least'
             WHEN r_qualifier < 0.88 THEN 'at_most' WHEN r_qualifier < 0.90 THEN 'less_than'
             WHEN r_qualifier < 0.95 THEN 'range' ELSE 'vague' END AS qualifier,
        CASE WHEN whole IS NOT NULL OR measure LIKE 'top %' OR measure_hash % 20 < 14 THEN 'count'
             WHEN measure_hash % 20 < 16 THEN 'money'
             WHEN measure_hash % 20 < 18 THEN 'percent' WHEN measure_hash % 20 < 19 THEN 'measurement'
             ELSE 'duration' END AS kind
    FROM drawn
);
"""

SYNTHETIC_ARTICLES = """
CREATE OR REPLACE TEMP TABLE synthetic_articles AS
SELECT
    substr(md5('a' || range::VARCHAR), 1, 16) AS article_id,
    'bench/part.jsonl#' || range AS source,
    'Dispatch ' || range AS title,
    DATE '2024-01-01' + (hash(range, 7) % 366)::INTEGER AS published,
    'publisher ' || (hash(range, 8) % 500) AS publisher,
    'https://example.org/bench/' || range AS url,
    'Officials said about 10,000 people were affected, according to the report.' AS body,
    TIMESTAMP '2026-01-01 00:00:00' AS ingested_at
FROM range(({n} + {per_article} - 1) // {per_article});
"""


def best_of(repeat: int, work: Callable[[], object]) -> tuple[float, float]:
    """(wall, CPU) seconds of the fastest of `repeat` runs: the least disturbed by other processes.

    CPU time counts every thread of this process (DuckDB's included), not other engineers' work.
    """
    best = (float("inf"), 0.0)
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        work()
        best = min(best, (time.perf_counter() - wall, time.process_time() - cpu))
    return best


def build(con: duckdb.DuckDBPyConnection, n: int) -> None:
    """Fill the empty claims and articles tables with n synthetic claims and their articles."""
    # Under the refresh's memory limit, so DuckDB spills the 10 M-row temporary table to disk: under its
    # own (80 % of RAM) the build peaked at 4.6 GB, and the peak printed after the refresh (the
    # process's maximum so far) was the build's, not the refresh's (1.45 GB).
    con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
    con.execute(SYNTHETIC_CLAIMS.format(n=n, per_article=CLAIMS_PER_ARTICLE))
    con.execute(SYNTHETIC_ARTICLES.format(n=n, per_article=CLAIMS_PER_ARTICLE))
    # BY NAME: columns that later issues add to claims and the synthetic rows lack stay NULL.
    con.execute("INSERT INTO articles BY NAME SELECT * FROM synthetic_articles")
    con.execute("INSERT INTO claims BY NAME SELECT * FROM synthetic")
    con.execute("DROP TABLE synthetic")
    con.execute("DROP TABLE synthetic_articles")
    con.execute("CREATE OR REPLACE TABLE bench_settings AS SELECT ? AS settings", [settings(n)])
    con.execute("CHECKPOINT")


def settings(n: int) -> str:
    """What the synthetic tables were made from (tables' DDL included): rebuild when it changes."""
    tables = "".join(path.read_text(encoding="utf-8") for path in sorted(load_step.SQL_DIR.glob("0*.sql")))
    return hashlib.sha256(f"{n}{SYNTHETIC_CLAIMS}{SYNTHETIC_ARTICLES}{tables}".encode()).hexdigest()[:16]


def built_with(db: Path) -> str | None:
    if not db.exists():
        return None
    with duckdb.connect(str(db), read_only=True) as con:
        found = con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'bench_settings'")
        if not found.fetchall()[0][0]:
            return None
        return con.execute("SELECT settings FROM bench_settings").fetchall()[0][0]


def existing_views(con: duckdb.DuckDBPyConnection) -> set[str]:
    rows = con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal AND schema_name = 'main'")
    return {name for (name,) in rows.fetchall()}


def time_views(con: duckdb.DuckDBPyConnection, repeat: int, only: list[str]) -> None:
    present = existing_views(con)
    print(f"{'view':<18}{'rows':>12}{'wall s':>9}{'CPU s':>9}")
    # The views of the issue first, then any other view the project has grown.
    for view in only or [*VIEWS, *sorted(present - set(VIEWS))]:
        if view not in present:
            print(f"{view:<18}{'missing':>12}")
            continue
        materialise = f"CREATE OR REPLACE TEMP TABLE _result AS SELECT * FROM {view}"
        wall, cpu = best_of(repeat, lambda sql=materialise: con.execute(sql))
        rows = con.execute("SELECT count(*) FROM _result").fetchall()[0][0]
        print(f"{view:<18}{rows:>12,}{wall:>9.2f}{cpu:>9.2f}")
    con.execute("DROP TABLE IF EXISTS _result")


def time_refresh(db: Path, articles: int, repeat: int, full: bool) -> None:
    """A refresh from scratch when needed (or asked), then the refresh after a batch of `articles`."""
    with load_step.connect(db) as con:
        start = time.process_time()
        stats = refresh(con, full=full)
        if stats.full_rebuild:
            report(f"refresh from scratch ({stats.articles:,} articles, {stats.groups:,} groups)",
                   (stats.seconds, time.process_time() - start))
        # A pipeline batch: its articles' claims, each with a comparison group, as a load notes them.
        batch = f"SELECT article_id FROM articles USING SAMPLE {articles} ROWS (reservoir, 7)"
        claims = con.execute(f"SELECT count(*) FROM claims WHERE article_id IN ({batch})").fetchall()[0][0]
        groups = 0

        def after_a_batch() -> None:
            nonlocal groups
            con.execute(f"INSERT INTO derived.stale_articles {batch}")
            groups = refresh(con).groups

        seconds = best_of(repeat, after_a_batch)
        report(f"refresh after a batch of {articles:,} articles ({claims:,} claims, {groups:,} groups)",
               seconds)
    peak_memory()


def peak_memory() -> None:
    print(f"peak memory so far: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB")


def time_loading(source: duckdb.DuckDBPyConnection, n: int, batch: int, repeat: int) -> None:
    """Validate n claims (and their articles) with pandera, then load them into a fresh database:
    at once, again (nothing changes), and in pipeline-sized batches with a connection each."""
    claims = source.sql(f"SELECT * EXCLUDE (extractor_version) FROM claims LIMIT {n}").df()
    articles = source.sql(
        "SELECT * EXCLUDE (ingested_at) FROM articles WHERE article_id IN (SELECT DISTINCT article_id FROM"
        f" (SELECT article_id FROM claims LIMIT {n}))"
    ).df()
    validated: dict[str, pd.DataFrame] = {}

    def check() -> None:
        validated["articles"], _ = validate("articles", articles)
        validated["claims"], bad = validate("claims", claims)
        assert not bad, bad[:3]

    report(f"validate {len(claims):,} claims, {len(articles):,} articles (pandera)", best_of(repeat, check))
    tables: dict[str, pa.Table] = {}

    def convert() -> None:
        tables["articles"] = load_step.article_table(validated["articles"])
        tables["claims"] = load_step.claim_table(validated["claims"])

    # The pipeline's workers hand the load these Arrow tables.
    report(f"convert the validated {len(claims):,} claims to the Arrow tables a load inserts",
           best_of(repeat, convert))
    target = WORK / "load.duckdb"

    def load_into(con: duckdb.DuckDBPyConnection, some_articles: pd.DataFrame, some_claims: pd.DataFrame,
                  ) -> None:
        load_step.load(con, load_step.article_table(some_articles), load_step.claim_table(some_claims),
                       fresh_articles=list(some_articles["article_id"]))

    def fresh() -> None:
        for stale in (target, Path(f"{target}.wal")):
            stale.unlink(missing_ok=True)

    def at_once() -> None:
        fresh()
        load_step.connect(target).close()  # the run's set-up, once: tables, lexicon tables, views
        with load_step.connect_for_loading(target) as con:  # as the pipeline loads a batch
            load_step.load(con, tables["articles"], tables["claims"],
                           fresh_articles=tables["articles"]["article_id"].to_pylist())

    def again() -> None:
        with load_step.connect(target) as con:
            load_into(con, validated["articles"], validated["claims"])

    all_articles, all_claims = validated["articles"], validated["claims"]
    batches = [
        (all_articles[all_articles["article_id"].isin(some["article_id"])], some)
        for some in (all_claims.iloc[first:first + batch] for first in range(0, len(all_claims), batch))
    ]

    def batched() -> None:
        fresh()
        load_step.connect(target).close()
        for some_articles, some_claims in batches:
            with load_step.connect_for_loading(target) as con:
                load_into(con, some_articles, some_claims)

    def batched_one_connection() -> None:
        fresh()
        with load_step.connect(target) as con:
            for some_articles, some_claims in batches:
                load_into(con, some_articles, some_claims)

    report(f"load {len(claims):,} claims (Arrow) into a new database at once (flows.load.load)",
           best_of(repeat, at_once))
    report(f"load the same {len(claims):,} claims again (nothing changes)", best_of(repeat, again))
    report(f"load {len(claims):,} claims in batches of {batch:,}, a connection each (as the pipeline)",
           best_of(repeat, batched))
    report(f"load {len(claims):,} claims in batches of {batch:,}, one connection for all",
           best_of(repeat, batched_one_connection))


def report(what: str, seconds: tuple[float, float]) -> None:
    print(f"{what}: {seconds[0]:.2f} s wall, {seconds[1]:.2f} s CPU")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=10_000_000)
    parser.add_argument("--load", type=int, default=1_000_000, help="claims to validate and load (0: none)")
    parser.add_argument("--batch", type=int, default=10_000, help="claims per batch for the batched load")
    parser.add_argument("--skip-views", action="store_true", help="time validating and loading only")
    parser.add_argument("--views", nargs="*", default=[], help="time only these views")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--batch-articles", type=int, default=500,
                        help="articles of the batch whose refresh is timed (the pipeline's batch size)")
    parser.add_argument("--full-refresh", action="store_true", help="time a refresh from scratch")
    parser.add_argument("--memory-limit", default="1GB", help="DuckDB's memory limit while reading the views")
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # each figure as soon as it is measured, also into a file
    WORK.mkdir(parents=True, exist_ok=True)
    db = WORK / "views.duckdb"
    print(f"cores: {os.cpu_count()}; load average: {os.getloadavg()[0]:.2f}; duckdb {duckdb.__version__}")
    if args.rebuild or built_with(db) != settings(args.claims):
        for stale in (db, Path(f"{db}.wal")):
            stale.unlink(missing_ok=True)
        start = time.perf_counter()
        load_step.connect(db).close()  # the run's set-up: tables, lexicon tables, views
        with load_step.connect_for_loading(db) as con:  # claims in the row groups a run's loads write
            build(con, args.claims)
        print(f"built {args.claims:,} synthetic claims in {time.perf_counter() - start:.1f} s")
        peak_memory()
    with load_step.connect(db) as con:
        top = con.execute(
            "SELECT count(*), max(n) FROM (SELECT measure, count(*) AS n FROM claims GROUP BY measure)"
        ).fetchall()[0]
        print(f"claims: {args.claims:,}; measures: {top[0]:,}; largest measure: {top[1]:,} claims")
    if not args.skip_views:
        time_refresh(db, args.batch_articles, args.repeat, args.full_refresh)
        with load_step.connect(db, read_only=True) as con:  # as exports and queries read them
            if args.memory_limit:
                con.execute(f"SET memory_limit = '{args.memory_limit}'")
            time_views(con, args.repeat, args.views)
        peak_memory()
    if args.load:
        with load_step.connect(db, read_only=True) as con:
            time_loading(con, args.load, args.batch, args.repeat)


if __name__ == "__main__":
    main()
