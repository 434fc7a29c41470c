"""Reference tables for the comparison views, loaded from the lexicons in data/lexicon/.

The views fold synonyms (measure parts, claimant names) in SQL, from these tables, so that a change
to a lexicon regroups the stored claims at the next read-write connection, without re-extraction.

    ref_measure_terms   part (subject | unit | event), word, key: a stored or written word → its key
    ref_claimant_aliases alias, key, display: spelling variants and short names of one claimant
    title_pattern()     a macro: the regex of leading titles stripped from a claimant's name (titles.csv:
                        "President", "Mr"; and "the"), made here so DuckDB compiles it once per query
    ref_unit_families   unit, family: "troops" are "people" (compositions)
    ref_event_parts     whole, part: killed_or_wounded = killed + wounded (compositions)
"""
from __future__ import annotations

import re

import duckdb
import pyarrow as pa

from flows import lexicon

# The extractor's own lexicons, as (file, word column, key column) per measure part.
_EXTRACTOR_TERMS = {
    "subject": ("demonyms.csv", "word", "subject"),
    "unit": ("units.csv", "word", "unit"),
    "event": ("events.csv", "word", "event"),
}


def measure_terms() -> pa.Table:
    """Every word → key fold of subjects, units and events; measure_synonyms.csv wins over the rest.

    A key is folded through measure_synonyms.csv too, so "stationed" (events.csv: → deployed) and an
    extra fold of "deployed" compose. Keys map to themselves, so a stored key needs no special case.
    """
    extra = {(r["part"], r["word"].lower()): r["key"] for r in lexicon.rows("measure_synonyms.csv")}
    folds: dict[tuple[str, str], str] = {}
    for part, (name, word, key) in _EXTRACTOR_TERMS.items():
        # (events.csv: a phrase that names no event, "budget deficit", folds nothing)
        keyed = [row for row in lexicon.rows(name) if row[key]]
        for row in keyed:
            folds[(part, row[word].lower())] = row[key]
        for row in keyed:  # a key stands for itself, even where the same word folds elsewhere: the event
            folds[(part, row[key].lower())] = row[key]  # "lost" (money or tanks lost), the word "lost"
    folds.update(extra)
    resolved = {term: extra.get((term[0], key.lower()), key) for term, key in folds.items()}
    return pa.table({
        "part": [part for part, _ in resolved],
        "word": [word for _, word in resolved],
        "key": list(resolved.values()),
    })


def _table(name: str, columns: list[str]) -> pa.Table:
    rows = lexicon.rows(name)
    return pa.table({c: pa.array([r[c] for r in rows], pa.string()) for c in columns})


def tables() -> dict[str, pa.Table]:
    """The reference tables by name, as Arrow tables."""
    return {
        "ref_measure_terms": measure_terms(),
        "ref_claimant_aliases": _table("claimant_aliases.csv", ["alias", "key", "display"]),
        "ref_unit_families": _table("unit_families.csv", ["unit", "family"]),
        "ref_event_parts": _table("event_parts.csv", ["whole", "part"]),
    }


def title_pattern() -> str:
    """'^(?:(?:prime[^a-z0-9'’]+minister|president|mr|the)[^a-z0-9'’]+)+': one or more leading titles.

    Titles are matched case-insensitively, any run of non-alphanumerics but an apostrophe standing for
    their spaces and dots ("Mr. Zelensky", "Prime  Minister X"; not "Sheriff's Office", a body); longest
    first, so "vice president" beats "vice".
    """
    titles = [r["word"] for r in lexicon.rows("titles.csv")] + ["the"]
    words = {" ".join(re.findall(r"[a-z0-9]+", title.lower())) for title in titles}
    gap = "[^a-z0-9'’]+"
    alternatives = sorted((w.replace(" ", gap) for w in words if w), key=lambda w: (-len(w), w))
    return "^(?:(?:" + "|".join(alternatives) + ")" + gap + ")+"


def load_reference_tables(con: duckdb.DuckDBPyConnection) -> None:
    """(Re)create the ref_* tables and the title_pattern() macro from the lexicons, in one transaction,
    before the views are made."""
    data = tables()
    for name, table in data.items():
        con.register(f"_{name}", table)
    pattern = title_pattern().replace("'", "''")
    try:
        con.begin()
        for name in data:
            con.execute(f"CREATE OR REPLACE TABLE {name} AS SELECT * FROM _{name}")
        con.execute(f"CREATE OR REPLACE MACRO title_pattern() AS '{pattern}'")
        con.commit()
    except BaseException:
        con.rollback()
        raise
    finally:
        for name in data:
            con.unregister(f"_{name}")
