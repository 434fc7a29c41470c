"""The development gold set: hand-annotated news passages, and a scorer for the claim extractor.

`load_gold()` reads data/gold/passages.jsonl (the annotation guide is data/gold/README.md) and finds
each gold claim's offsets in its passage. `score(extract, passages)` runs an extractor over the
passages and compares its claims with the gold ones:

- A predicted claim matches a gold claim when their spans overlap in the text and the value agrees
  (numpy.isclose-like, rtol 1e-5; a vague count has no value, so both must be null and their low
  bounds agree within a factor, see data/gold/conventions.toml). Matching is one-to-one: when a gold
  claim overlaps several predictions, the one agreeing on the most fields wins.
- value P/R/F1 counts those matches. full-claim P/R/F1 also needs the qualifier to be equal, the
  unit equal after canonicalising (simple singular folding, then the synonyms in
  data/lexicon/units.csv and measurement_units.csv)
  and the claimant equal after normalising (case, "the", titles, punctuation, possessive 's), or the
  gold claimant's words all present in the predicted one.
- Per-field accuracy on the matched claims says which field to fix next; `failures()` lists every
  missed, spurious and mismatched claim.
"""
from __future__ import annotations

import csv
import json
import re
import time
import tomllib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from flows.model import Claim

ROOT = Path(__file__).resolve().parents[1]
GOLD_PATH = ROOT / "data" / "gold" / "passages.jsonl"
# Passages written by someone who was not tuning the extractor, scored apart: the honest figure for
# articles the rules have never seen. Never fix the extractor by reading its failures there.
HELDOUT_PATH = ROOT / "data" / "gold" / "heldout.jsonl"
HELDOUT_TITLE = "held-out set (never tuned on)"
HELDOUT_AUDIT_HINT = "`estimates eval --heldout-failures` lists them, for a final audit only"
CONVENTIONS_PATH = ROOT / "data" / "gold" / "conventions.toml"
# (lexicon, column holding the word): counted nouns first, then physical units.
UNIT_LEXICONS = (
    (ROOT / "data" / "lexicon" / "units.csv", "word"),
    (ROOT / "data" / "lexicon" / "measurement_units.csv", "surface"),
)

# Fields compared on matched claims, in the order the report prints them. "bounds" is low and high.
FIELDS = ("qualifier", "kind", "unit", "subject", "event", "claimant", "claimant_kind", "via", "change",
          "bounds")

Extract = Callable[..., list[Claim]]


class GoldError(ValueError):
    """The gold file is malformed: a surface that is not in its passage, a bad date, a missing key."""


@dataclass(frozen=True, slots=True)
class GoldClaim:
    """One expected claim; `start`/`end` index the passage text like Claim.char_start/char_end."""

    surface: str
    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    kind: str
    unit: str | None
    subject: str | None
    event: str | None
    claimant: str | None
    claimant_kind: str | None
    via: str | None
    change: str | None


@dataclass(frozen=True, slots=True)
class Passage:
    id: str
    domain: str
    publisher: str
    published: date
    text: str
    claims: tuple[GoldClaim, ...]
    shapes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PRF:
    """Precision, recall and F1 from the number of hits among `predicted` and `gold` claims."""

    hits: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.hits / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.hits / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class Pair:
    """A gold claim and the predicted claim matched to it, with the fields on which they differ."""

    gold: GoldClaim
    predicted: Claim
    wrong: tuple[str, ...]

    @property
    def full(self) -> bool:
        return not {"qualifier", "unit", "claimant"} & set(self.wrong)


@dataclass(slots=True)
class PassageResult:
    passage: Passage
    pairs: list[Pair]
    missed: list[GoldClaim]
    spurious: list[Claim]
    error: str | None = None  # the extractor raised on this passage: every gold claim counts as missed


@dataclass(slots=True)
class GoldScore:
    results: list[PassageResult]
    seconds: float = 0.0

    @property
    def pairs(self) -> list[Pair]:
        return [pair for r in self.results for pair in r.pairs]

    def _prf(self, hit: Callable[[Pair], bool]) -> PRF:
        n_pred = sum(len(r.pairs) + len(r.spurious) for r in self.results)
        n_gold = sum(len(r.passage.claims) for r in self.results)
        return PRF(sum(1 for p in self.pairs if hit(p)), n_pred, n_gold)

    @property
    def value(self) -> PRF:
        return self._prf(lambda pair: True)

    @property
    def full(self) -> PRF:
        return self._prf(lambda pair: pair.full)

    @property
    def field_accuracy(self) -> dict[str, float]:
        """For each field, the share of matched claims that got it right (1.0 when nothing matched)."""
        pairs = self.pairs
        wrong = Counter(name for pair in pairs for name in pair.wrong)
        return {name: 1 - wrong[name] / len(pairs) if pairs else 1.0 for name in FIELDS}

    def by_group(self, key: Callable[[Passage], Iterable[str]], full: bool = False) -> dict[str, PRF]:
        """Value (or full-claim) matches per group of passages: by domain, by attribution shape..."""
        hits: Counter[str] = Counter()
        gold: Counter[str] = Counter()
        predicted: Counter[str] = Counter()
        for r in self.results:
            for group in key(r.passage):
                hits[group] += sum(1 for pair in r.pairs if pair.full or not full)
                gold[group] += len(r.passage.claims)
                predicted[group] += len(r.pairs) + len(r.spurious)
        return {g: PRF(hits[g], predicted[g], gold[g]) for g in sorted(gold)}


@dataclass(frozen=True, slots=True)
class Failure:
    passage_id: str
    problem: str  # missed | spurious | mismatch | error
    surface: str
    detail: str

    def __str__(self) -> str:
        return f"{self.passage_id:<24} {self.problem:<9} {self.surface!r}: {self.detail}"


# --- loading -------------------------------------------------------------------------------------


def find_surface(text: str, surface: str, occurrence: int = 1) -> tuple[int, int]:
    """Offsets of the n-th occurrence of `surface` as whole words ("3p" is not found inside "163p")."""
    pattern = r"(?<!\w)" + re.escape(surface) + r"(?!\w)"
    starts = [m.start() for m in re.finditer(pattern, text)]
    if len(starts) < occurrence:
        raise GoldError(f"surface {surface!r} (occurrence {occurrence}) is not in the passage")
    start = starts[occurrence - 1]
    return start, start + len(surface)


def _gold_claim(text: str, raw: dict) -> GoldClaim:
    start, end = find_surface(text, raw["surface"], raw.get("occurrence", 1))
    return GoldClaim(
        surface=raw["surface"], start=start, end=end, value=raw["value"], low=raw["low"], high=raw["high"],
        qualifier=raw["qualifier"], kind=raw["kind"], unit=raw["unit"], subject=raw["subject"],
        event=raw["event"], claimant=raw["claimant"], claimant_kind=raw["claimant_kind"], via=raw["via"],
        change=raw["change"],
    )


def load_gold(path: Path | None = None) -> list[Passage]:
    """Read the gold passages (JSON Lines, one passage a line; blank lines skipped)."""
    path = path or GOLD_PATH
    passages = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            passages.append(Passage(
                id=raw["id"], domain=raw["domain"], publisher=raw["publisher"],
                published=date.fromisoformat(raw["published"]), text=raw["text"],
                claims=tuple(_gold_claim(raw["text"], c) for c in raw["claims"]),
                shapes=tuple(raw.get("shapes", ())),
            ))
        except (KeyError, ValueError) as exc:  # GoldError and JSONDecodeError are ValueErrors
            raise GoldError(f"{path}:{number}: {exc!r}") from exc
    return passages


def is_heldout(path: Path) -> bool:
    """Whether `path` is the held-out gold file, whose failures nobody tuning the extractor may read."""
    return path.resolve() == HELDOUT_PATH.resolve()


# --- comparing fields ----------------------------------------------------------------------------


@cache
def conventions() -> dict:
    with CONVENTIONS_PATH.open("rb") as f:
        return tomllib.load(f)


@cache
def _unit_synonyms() -> dict[str, str]:
    """Unit synonyms from the project lexicons, folded on both sides ("soldiers" → "troop",
    "hectares" → "ha"). A lexicon that is absent or shaped otherwise is skipped; upper-case symbols
    are left out, since folding would confuse them ("M" is not "m")."""
    synonyms: dict[str, str] = {}
    for path, key in UNIT_LEXICONS:
        if not path.exists():
            continue
        with path.open(encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            if not {key, "unit"} <= set(reader.fieldnames or ()):
                continue
            for row in reader:
                word, unit = row[key], row["unit"]
                if word and unit and not word.startswith("#") and word == word.lower():
                    synonyms.setdefault(_fold(word), _fold(unit))
    return synonyms


def _singular(word: str) -> str:
    if len(word) > 3 and word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _fold(unit: str) -> str:
    return " ".join(_singular(w) for w in unit.lower().split())


def canonical_unit(unit: str | None) -> str | None:
    """"Soldiers", "troop" and "troops" all give "troop", "hectares" and "ha" give "ha", "USD" gives
    "usd"; None stays None."""
    if unit is None:
        return None
    # A rate's parts fold separately: "soldiers per day" = "troops per day".
    parts = [_fold(part) for part in unit.split(" per ")]
    return " per ".join(_unit_synonyms().get(part, part) for part in parts)


def name_tokens(name: str | None) -> tuple[str, ...]:
    """A claimant or via name as comparable words: lower case, no punctuation, possessive 's,
    articles or leading titles ("Mr Zelensky's" → ("zelensky",))."""
    if not name:
        return ()
    text = re.sub(r"['’]s\b", "", name.lower())
    words = [w for w in re.sub(r"[^\w\s]", " ", text).split() if w not in conventions()["articles"]]
    titles = [tuple(t.split()) for t in conventions()["titles"]]
    stripped = True
    while stripped and words:
        stripped = False
        for title in titles:
            if tuple(words[: len(title)]) == title and len(words) > len(title):
                words, stripped = words[len(title):], True
                break
    return tuple(words)


def same_name(gold: str | None, predicted: str | None) -> bool:
    """Equal after normalising, or every gold word present in the prediction."""
    g, p = name_tokens(gold), name_tokens(predicted)
    if not g or not p:
        return not g and not p
    return g == p or set(g) <= set(p)


def _subject_parts(subject: str | None) -> tuple[str, ...]:
    return tuple(sorted(s.strip().lower() for s in (subject or "").split("+") if s.strip()))


def isclose(predicted: float | None, gold: float | None) -> bool:
    if predicted is None or gold is None:
        return predicted is None and gold is None
    rules = conventions()
    return abs(predicted - gold) <= rules["value_atol"] + rules["value_rtol"] * abs(gold)


def _loosely(predicted: float | None, gold: float | None) -> bool:
    if predicted is None or gold is None:
        return predicted is None and gold is None
    if predicted <= 0 or gold <= 0:
        return isclose(predicted, gold)
    return max(predicted, gold) / min(predicted, gold) <= conventions()["vague_low_factor"]


def same_value(gold: GoldClaim, predicted: Claim) -> bool:
    if gold.value is None:  # vague: no value, so compare the order of magnitude of the low bound
        return predicted.value is None and _loosely(predicted.low, gold.low)
    return isclose(predicted.value, gold.value)


def wrong_fields(gold: GoldClaim, predicted: Claim) -> tuple[str, ...]:
    """The FIELDS on which a matched prediction differs from the gold claim."""
    if gold.value is None:
        bounds_ok = _loosely(predicted.low, gold.low) and _loosely(predicted.high, gold.high)
    else:
        bounds_ok = isclose(predicted.low, gold.low) and isclose(predicted.high, gold.high)
    agrees = {
        "qualifier": predicted.qualifier == gold.qualifier,
        "kind": predicted.kind == gold.kind,
        "unit": canonical_unit(predicted.unit) == canonical_unit(gold.unit),
        "subject": _subject_parts(predicted.subject) == _subject_parts(gold.subject),
        "event": predicted.event == gold.event,
        "claimant": same_name(gold.claimant, predicted.claimant),
        "claimant_kind": predicted.claimant_kind == gold.claimant_kind,
        "via": same_name(gold.via, predicted.via),
        "change": predicted.change == gold.change,
        "bounds": bounds_ok,
    }
    return tuple(name for name in FIELDS if not agrees[name])


# --- matching and scoring ------------------------------------------------------------------------


def match_passage(passage: Passage, predicted: list[Claim]) -> PassageResult:
    """Pair gold and predicted claims one-to-one: overlapping spans and agreeing values, best first."""
    candidates = []
    for gi, gold in enumerate(passage.claims):
        for pi, claim in enumerate(predicted):
            overlap = min(gold.end, claim.char_end) - max(gold.start, claim.char_start)
            if overlap > 0 and same_value(gold, claim):
                wrong = wrong_fields(gold, claim)
                candidates.append((len(wrong), -overlap, gi, pi, wrong))
    candidates.sort(key=lambda c: c[:4])
    pairs, used_gold, used_pred = [], set(), set()
    for _, _, gi, pi, wrong in candidates:
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            pairs.append(Pair(passage.claims[gi], predicted[pi], wrong))
    return PassageResult(
        passage=passage,
        pairs=sorted(pairs, key=lambda pair: pair.gold.start),
        missed=[g for i, g in enumerate(passage.claims) if i not in used_gold],
        spurious=[c for i, c in enumerate(predicted) if i not in used_pred],
    )


def score(extract: Extract, passages: list[Passage]) -> GoldScore:
    """Run `extract(text, published=date)` on every passage and match its claims with the gold ones.

    An extractor that raises on a passage does not stop the run: the passage scores no matches and
    the error is reported among the failures.
    """
    started = time.perf_counter()
    results = []
    for passage in passages:
        try:
            predicted = list(extract(passage.text, published=passage.published))
        except Exception as exc:  # noqa: BLE001 - any extractor bug is a failure to report, not a crash
            results.append(PassageResult(passage, [], list(passage.claims), [], error=repr(exc)))
            continue
        results.append(match_passage(passage, predicted))
    return GoldScore(results, seconds=time.perf_counter() - started)


def _show(value: object) -> str:
    return "null" if value is None else repr(value)


def _field(claim: GoldClaim | Claim, name: str) -> str:
    if name == "bounds":
        return f"{_show(claim.low)}..{_show(claim.high)}"
    return _show(getattr(claim, name))


def failures(result: GoldScore) -> list[Failure]:
    """Every disagreement, passage by passage: extractor errors, missed and spurious claims, and matched
    claims with wrong fields ("unit: gold 'troops', got 'people'")."""
    found = []
    for r in result.results:
        pid = r.passage.id
        if r.error:
            found.append(Failure(pid, "error", "", r.error))
        for gold in r.missed:
            found.append(Failure(pid, "missed", gold.surface,
                                 f"value {_show(gold.value)} {gold.unit} ({gold.qualifier})"))
        for claim in r.spurious:
            found.append(Failure(pid, "spurious", claim.surface,
                                 f"value {_show(claim.value)} {claim.unit} ({claim.qualifier})"))
        for pair in r.pairs:
            if pair.wrong:
                detail = "; ".join(
                    f"{name}: gold {_field(pair.gold, name)}, got {_field(pair.predicted, name)}"
                    for name in pair.wrong
                )
                found.append(Failure(pid, "mismatch", pair.gold.surface, detail))
    return found


# --- report --------------------------------------------------------------------------------------


def format_summary(title: str, result: GoldScore) -> str:
    """Precision, recall and F1 (value and full claim) and the accuracy of each field."""
    n_gold = sum(len(r.passage.claims) for r in result.results)
    lines = [f"{title}: {len(result.results)} passages, {n_gold} claims, scored in {result.seconds:.2f} s",
             "",
             f"{'':<12}{'precision':>10}{'recall':>8}{'f1':>7}{'hits':>6}{'pred':>6}{'gold':>6}"]
    for name, prf in (("value", result.value), ("full claim", result.full)):
        lines.append(f"{name:<12}{prf.precision:>10.3f}{prf.recall:>8.3f}{prf.f1:>7.3f}"
                     f"{prf.hits:>6}{prf.predicted:>6}{prf.gold:>6}")
    lines += ["", f"field accuracy on {len(result.pairs)} matched claims:"]
    lines += [f"  {name:<14}{acc:.3f}" for name, acc in result.field_accuracy.items()]
    return "\n".join(lines)


def format_report(result: GoldScore, max_failures: int = 40) -> str:
    lines = [format_summary("gold set", result)]
    lines += ["", "recall by domain:     value   full claim"]
    full_by_domain = result.by_group(lambda p: [p.domain], full=True)
    lines += [f"  {d:<18}{prf.recall:>8.3f}{full_by_domain[d].recall:>8.3f}   ({prf.gold} claims)"
              for d, prf in result.by_group(lambda p: [p.domain]).items()]
    lines += ["", "full-claim recall by shape (passages tagged with it):"]
    lines += [f"  {shape:<26}{prf.recall:.3f} ({prf.hits}/{prf.gold})"
              for shape, prf in result.by_group(lambda p: p.shapes, full=True).items()]
    found = failures(result)
    shown = f" (first {max_failures})" if len(found) > max_failures else ""
    lines += ["", f"failures: {len(found)}{shown}"]
    lines += [f"  {f}" for f in found[:max_failures]]
    return "\n".join(lines)


def main(path: Path | None = None, heldout_failures: bool = False) -> int:
    """Score flows.extract.extract_claims on the gold set and print the report; 2 when it cannot run.

    The held-out set (printed after the development set, or scored alone when `path` is it) shows only
    its summary figures: its failures stay hidden unless `heldout_failures` asks for them, for a final
    audit only (whoever reads them may no longer tune on that set, see data/gold/README.md).
    """
    try:
        from flows.extract import extract_claims
    except ImportError as exc:
        print(f"cannot score: the extractor does not import ({exc})")
        return 2
    sources = [path or GOLD_PATH]
    if path is None and HELDOUT_PATH.exists():
        sources.append(HELDOUT_PATH)
    for number, source in enumerate(sources):
        try:
            passages = load_gold(source)
        except (OSError, GoldError) as exc:
            print(f"cannot read the gold set: {exc}")
            return 2
        result = score(extract_claims, passages)
        if number:
            print("")
        if not is_heldout(source):
            print(format_report(result))
            continue
        print(format_summary(HELDOUT_TITLE, result))
        if heldout_failures:
            found = failures(result)
            print(f"\nheld-out failures (final audit): {len(found)}")
            print("\n".join(f"  {f}" for f in found))
        else:
            print(f"  (failures hidden; {HELDOUT_AUDIT_HINT})")
    return 0
