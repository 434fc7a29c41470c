"""Score the number recogniser against other extractors' public test suites (../shared/peers).

Each suite is a function `(peers folder) -> list[SuiteScore]` listed in SUITES; `run_all` runs them
and `format_report` prints a table next to the published figures. Peer data is read at run time
and never copied into the repository (see ../shared/peers/README.md).

Matching rules:
- NewsQuant (CQE's benchmark): per sentence, each gold quantity is matched to at most one
  extracted quantity with an equal value (numpy.isclose, rtol 1e-5, atol 1e-8). A range or vague
  count is compared as its (low, high) pair and matches only when both ends do; the pair is compared
  in order of size, since our intervals are stored low..high ("from 208 to 193" = 193..208).
  value+change also needs the change label: ours is the qualifier when it is a hedge (approx → "~",
  more_than/at_least → ">", less_than/at_most → "<"), else change up/down, else "=". CQE's label is
  the direction of movement, which we split into `change` (the size of a movement) and `trend` (a
  level reached by one: "rose 8.1 percent to 99.20 yuan"). The suite's majority decides both choices:
  of the levels with a trend it labels 26 "=" and 15 with the trend, so a trend stays out of the label;
  of the hedged changes it labels 6 by the hedge and 5 by the direction, so the hedge wins. Its up/down
  marks a figure that a verb of change governs ("rose 5%", "was down 2.3%"); a figure that modifies a
  change noun ("a 3 percent drop", "a 75 percent increase", "a 5% pay rise") it labels "=", all 7 of them.
  Our `change` marks both (the product must not compare either with a level), so the label reads the
  change noun after the figure, as the extractor's own lexicon (change_verbs.csv, position "after") names it.
  A range written with an approximating hedge ("about 2000 - 2500 Calories", "~25 – 40min") is an
  approximate quantity, which the suite labels "~" (3 of its 4 such ranges); our range keeps that hedge
  in its surface only (its qualifier is "range"), so the label reads the surface's opening hedge.
  Matching is one-to-one (CQE's script can count one extraction twice when units differ).
- Recognizers-Text NumberModel: a case passes when the numerals found (`find_numerals`) have exactly
  the expected spans and values; cases whose NotSupported/NotSupportedByDesign names python are
  skipped, as their Python runner does.
- Recognizers-Text NumberRangeModel: a case passes when the bounded quantities found (`find_quantities`:
  more_than, at_least, less_than, at_most, range, and exact ones written "equal to") are exactly the
  expected ones, each with the same interval (ends and brackets, see `interval`) and the same span.
  Our span there is start .. number_end: the number phrase with its hedges but without the unit or
  "years old" our surface keeps (their "more than thirty" in "more than thirty years old"); all cases
  run (Python has no range model). Cases left failing because the product reads them otherwise:
  "between the tenth and the fifteenth" and "higher than the tenth but lower than the fifteenth"
  (ordinals are never quantities, DESIGN.md); "about 20~100" (our surface keeps its hedge word);
  "more than 2 in 5" (a ratio, 0.4, for us; they read 2, yet read "2 in 5 or more" as 0.4); "from
  200 to 300 in 2008" (they expect nothing; a range stays a range whatever year follows).
- quantulum3: the share of expected values found among the extracted values (a range by its
  midpoint); errors.json must not raise.
"""
from __future__ import annotations

import csv
import json
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from flows.lexicon import rows
from flows.model import Quantity
from flows.numbers import find_numerals, find_quantities

DEFAULT_PEERS = Path(__file__).resolve().parent.parent.parent / "shared" / "peers"

Value = float | tuple[float, float]

CHANGE_OF_QUALIFIER = {
    "approx": "~", "more_than": ">", "at_least": ">", "less_than": "<", "at_most": "<",
}


@dataclass(frozen=True, slots=True)
class SuiteScore:
    """One row of the report: a metric on a suite, with the published figure to compare with."""

    suite: str
    metric: str
    cases: int
    precision: float | None = None
    recall: float | None = None
    f1: float | None = None
    accuracy: float | None = None
    published: str = ""


def isclose(a: float, b: float) -> bool:
    """numpy.isclose(a, b, rtol=1e-5, atol=1e-8) for two floats."""
    return abs(a - b) <= 1e-8 + 1e-5 * abs(b)


def values_match(gold: Value, ours: Value) -> bool:
    """Equal single values, or ranges whose both ends are equal; a range never equals a value."""
    if isinstance(gold, tuple) != isinstance(ours, tuple):
        return False
    if isinstance(gold, tuple) and isinstance(ours, tuple):
        g, o = sorted(gold), sorted(ours)
        return isclose(g[0], o[0]) and isclose(g[1], o[1])
    return isclose(float(gold), float(ours))  # type: ignore[arg-type]


def our_value(q: Quantity) -> Value | None:
    if q.qualifier in ("range", "vague") and q.low is not None and q.high is not None:
        return (q.low, q.high)
    return q.value


@cache
def _change_noun_after() -> re.Pattern[str]:
    """A change noun right after a figure ("a 3 percent drop", "a 5-point rise")."""
    nouns = sorted((r["word"] for r in rows("change_verbs.csv") if r["position"] == "after"),
                   key=len, reverse=True)
    return re.compile(rf"\s+(?:[a-z]+-)?(?:{'|'.join(map(re.escape, nouns))})s?\b", re.IGNORECASE)


@cache
def _approximate_range() -> re.Pattern[str]:
    """An approximating hedge (hedges.csv) opening a range: "about 2000 - 2500", "from about 14-18"."""
    hedges = sorted((r["phrase"] for r in rows("hedges.csv")
                     if r["position"] == "before" and r["qualifier"] == "approx"), key=len, reverse=True)
    alternatives = "|".join(re.escape(h).replace(r"\ ", r"\s+") for h in hedges)
    return re.compile(rf"(?:(?:from|between)\s+)?(?:{alternatives})(?![A-Za-z])", re.IGNORECASE)


def our_change(q: Quantity, text: str) -> str:
    """NewsQuant's one label: a hedge wins over a change ("up about 19 per cent" is "~"), a trend is none,
    a change written as a noun after the figure ("a 3 percent drop") is "=" and a hedged range "~" (see
    the module doc)."""
    if hedge := CHANGE_OF_QUALIFIER.get(q.qualifier):
        return hedge
    if q.qualifier == "range" and _approximate_range().match(q.surface):
        return "~"
    if q.change and _change_noun_after().match(text, q.end):
        return "="
    return q.change or "="


_GOLD_RANGE = re.compile(r"^\s*(-?[\d.]+)\s*-\s*(-?[\d.]+)\s*$")


def gold_value(text: str) -> Value | None:
    """NewsQuant writes a range as "1.0-1.5"; a value may be negative ("-1.3")."""
    m = _GOLD_RANGE.match(text)
    try:
        return (float(m.group(1)), float(m.group(2))) if m else float(text)
    except ValueError:
        return None


def match_count(gold: list[tuple[Value, str]], ours: list[tuple[Value, str]], with_change: bool) -> int:
    """How many gold quantities find their own extracted quantity (one-to-one, first fit)."""
    used = [False] * len(ours)
    hits = 0
    for g_value, g_change in gold:
        for i, (o_value, o_change) in enumerate(ours):
            if used[i] or not values_match(g_value, o_value):
                continue
            if with_change and o_change != g_change:
                continue
            used[i] = True
            hits += 1
            break
    return hits


def prf(hits: int, n_gold: int, n_ours: int) -> tuple[float, float, float]:
    p = hits / n_ours if n_ours else 0.0
    r = hits / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _published(csv_path: Path, model: str, metric: str) -> str:
    if not csv_path.exists():
        return ""
    with csv_path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if row["model"] == model and row["type"] == metric:
                return f"{model.split('-')[0]} {float(row['F1']):.1f}"
    return ""


def score_newsquant_file(path: Path, published_csv: Path, suite: str) -> list[SuiteScore]:
    data = json.loads(path.read_text(encoding="utf-8"))
    n_gold = n_ours = hits_value = hits_change = 0
    has_change = any("change" in q for item in data for q in item["quantities"])
    for item in data:
        gold = [(v, q.get("change", "=")) for q in item["quantities"]
                if (v := gold_value(q["value"])) is not None]
        ours = [(v, our_change(q, item["text"])) for q in find_quantities(item["text"])
                if (v := our_value(q)) is not None]
        n_gold += len(gold)
        n_ours += len(ours)
        hits_value += match_count(gold, ours, with_change=False)
        hits_change += match_count(gold, ours, with_change=True)
    rows = [SuiteScore(suite, "value F1", len(data), *prf(hits_value, n_gold, n_ours),
                       published=_published(published_csv, "CQE-Numparser", "value"))]
    if has_change:
        rows.append(SuiteScore(suite, "value+change F1", len(data), *prf(hits_change, n_gold, n_ours),
                               published=_published(published_csv, "CQE-Numparser", "value+change")))
    return rows


def newsquant(peers: Path) -> list[SuiteScore]:
    base = peers / "newsquant"
    rows = []
    for name in ("NewsQuant", "currency-model", "dimension-model", "temperature-model", "age-model"):
        path = base / "formatted_test_set" / f"{name}.json"
        if path.exists():
            published = base / "evaluation_output" / f"{name}.csv"
            rows += score_newsquant_file(path, published, f"NewsQuant/{name}")
    return rows


def _runnable_in_python(case: dict) -> bool:
    marks = f"{case.get('NotSupported', '')},{case.get('NotSupportedByDesign', '')}".lower()
    return "python" not in marks


def recognizers_number(peers: Path) -> list[SuiteScore]:
    path = peers / "recognizers-text" / "Number" / "English" / "NumberModel.json"
    if not path.exists():
        return []
    cases = [c for c in json.loads(path.read_text(encoding="utf-8-sig")) if _runnable_in_python(c)]
    passed = 0
    for case in cases:
        expected = [(r["Start"], r["End"] + 1, float(r["Resolution"]["value"])) for r in case["Results"]]
        found = [(n.start, n.end, n.value) for n in find_numerals(case["Input"])]
        passed += len(found) == len(expected) and all(
            (fs, fe) == (es, ee) and isclose(fv, ev) for (fs, fe, fv), (es, ee, ev)
            in zip(found, expected, strict=False)
        )
    return [SuiteScore("Recognizers-Text NumberModel", "% exact span+value", len(cases),
                       accuracy=passed / len(cases) if cases else 0.0, published="PyPI port 81.5 (172/211)")]


def interval(q: Quantity) -> tuple[float | None, float | None, str] | None:
    """Our quantity in Recognizers-Text's interval notation: (low, high, brackets).

    A range says which ends are closed when it was written as two bounds ("more than 10 and at most
    20" is (10, 20]); other ranges are [low, high), as Recognizers-Text writes "between 10 and 20".
    "equal to 20" is [20, 20]; a plain number is no interval.
    """
    match q.qualifier:
        case "more_than":
            return q.value, None, "()"
        case "at_least":
            return q.value, None, "[)"
        case "less_than":
            return None, q.value, "()"
        case "at_most":
            return None, q.value, "(]"
        case "range":
            return q.low, q.high, q.bounds or "[)"
        case "exact" if q.bounds:
            return q.value, q.value, q.bounds
    return None


_INTERVAL = re.compile(r"^([\[(])\s*([^,]*)\s*,\s*([^\])]*)\s*([\])])$")


def parse_interval(text: str) -> tuple[float | None, float | None, str] | None:
    m = _INTERVAL.match(text.strip())
    if not m:
        return None
    low = float(m.group(2)) if m.group(2).strip() else None
    high = float(m.group(3)) if m.group(3).strip() else None
    return low, high, m.group(1) + m.group(4)


def _same_interval(a: tuple | None, b: tuple | None) -> bool:
    if a is None or b is None:
        return False
    bounds_equal = all(
        (x is None and y is None) or (x is not None and y is not None and isclose(x, y))
        for x, y in zip(a[:2], b[:2], strict=True)
    )
    return bounds_equal and a[2] == b[2]


def recognizers_range(peers: Path) -> list[SuiteScore]:
    path = peers / "recognizers-text" / "Number" / "English" / "NumberRangeModel.json"
    if not path.exists():
        return []
    cases = json.loads(path.read_text(encoding="utf-8-sig"))
    passed = 0
    for case in cases:
        expected = [(r["Start"], r["End"] + 1, parse_interval(r["Resolution"]["value"]))
                    for r in case["Results"]]
        found = [(q.start, q.end if q.number_end is None else q.number_end, iv)
                 for q in find_quantities(case["Input"]) if (iv := interval(q)) is not None]
        passed += len(found) == len(expected) and all(
            (fs, fe) == (es, ee) and _same_interval(fi, ei) for (fs, fe, fi), (es, ee, ei)
            in zip(found, expected, strict=False)
        )
    return [SuiteScore("Recognizers-Text NumberRangeModel", "% exact span+interval", len(cases),
                       accuracy=passed / len(cases) if cases else 0.0, published="no Python model")]


def quantulum(peers: Path) -> list[SuiteScore]:
    rows = []
    path = peers / "quantulum3" / "quantities.json"
    if path.exists():
        cases = json.loads(path.read_text(encoding="utf-8"))
        expected = found = 0
        for case in cases:
            ours = [q.value for q in find_quantities(case["req"]) if q.value is not None]
            for r in case["res"]:
                expected += 1
                found += any(isclose(float(r["value"]), v) for v in ours)
        rows.append(SuiteScore("quantulum3 quantities", "% values found", expected,
                               accuracy=found / expected if expected else 0.0))
    path = peers / "quantulum3" / "errors.json"
    if path.exists():
        cases = json.loads(path.read_text(encoding="utf-8"))
        ok = 0
        for text in cases:
            try:
                find_quantities(text)
                ok += 1
            except Exception:  # noqa: BLE001 - counting crashes is the point of this suite
                pass
        rows.append(SuiteScore("quantulum3 errors", "% without raising", len(cases),
                               accuracy=ok / len(cases) if cases else 0.0, published="must be 100"))
    return rows


Suite = Callable[[Path], list[SuiteScore]]
SUITES: list[Suite] = [newsquant, recognizers_number, recognizers_range, quantulum]


def run_all(peers: Path, suites: Iterable[Suite] = SUITES) -> list[SuiteScore]:
    """Every suite's scores; an empty list when the peers folder is absent."""
    if not peers.is_dir():
        return []
    return [row for suite in suites for row in suite(peers)]


def _pct(x: float | None) -> str:
    return "" if x is None or math.isnan(x) else f"{100 * x:.1f}"


def format_report(scores: list[SuiteScore]) -> str:
    """A plain-text table: suite, metric, cases, P, R, F1 or accuracy, published figure."""
    header = ("suite", "metric", "cases", "P", "R", "F1/acc", "published")
    rows = [header] + [
        (s.suite, s.metric, str(s.cases), _pct(s.precision), _pct(s.recall),
         _pct(s.f1 if s.f1 is not None else s.accuracy), s.published)
        for s in scores
    ]
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def main(peers: Path | None = None) -> int:
    """Print the report; 0 when it ran or the peers folder is absent (with a message saying so)."""
    peers = peers or DEFAULT_PEERS
    if not peers.is_dir():
        print(f"peer suites not found at {peers}: skipping evaluation")
        return 0
    print(format_report(run_all(peers)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
