"""The held-out gold passages stay blind: the tools print their summary figures, never what failed or
changed there, unless asked explicitly for a final audit."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from flows import goldset
from flows.cli import main as cli

ROOT = Path(__file__).resolve().parent.parent


def regression_module():
    """benchmarks/claims_regression.py (a script, not a package module)."""
    path = ROOT / "benchmarks" / "claims_regression.py"
    spec = importlib.util.spec_from_file_location("claims_regression", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def passage(pid: str, text: str, surface: str, value: float) -> str:
    claim = {"surface": surface, "value": value, "low": None, "high": None, "qualifier": "exact",
             "kind": "count", "unit": "sheep", "subject": None, "event": None, "claimant": None,
             "claimant_kind": None, "via": None, "change": None}
    return json.dumps({"id": pid, "domain": "farming", "publisher": "Test Wire", "published": "2024-05-01",
                       "text": text, "claims": [claim]}) + "\n"


@pytest.fixture
def gold_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A development and a held-out file, each with one gold value the extractor cannot match."""
    dev, heldout = tmp_path / "passages.jsonl", tmp_path / "heldout.jsonl"
    dev.write_text(passage("dev-farm-01", "The farmer sold 40 sheep.", "40", 41), encoding="utf-8")
    heldout.write_text(passage("secret-farm-01", "The farmer bought 40 sheep.", "40", 41), encoding="utf-8")
    monkeypatch.setattr(goldset, "GOLD_PATH", dev)
    monkeypatch.setattr(goldset, "HELDOUT_PATH", heldout)


def test_eval_lists_development_failures_but_only_summary_figures_for_heldout(
        gold_files: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert goldset.main() == 0
    out = capsys.readouterr().out
    assert "dev-farm-01" in out
    assert "held-out set" in out and "full claim" in out
    assert "secret-farm-01" not in out
    assert "final audit only" in out


def test_eval_scores_the_heldout_file_blind_even_when_named_directly(
        gold_files: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert goldset.main(goldset.HELDOUT_PATH) == 0
    out = capsys.readouterr().out
    assert "full claim" in out and "secret-farm-01" not in out


def test_eval_heldout_failures_flag_lists_them_for_an_audit(gold_files: None, tmp_path: Path) -> None:
    blind = CliRunner().invoke(cli, ["eval", "--peers", str(tmp_path / "no-peers")])
    audit = CliRunner().invoke(cli, ["eval", "--peers", str(tmp_path / "no-peers"), "--heldout-failures"])
    assert blind.exit_code == audit.exit_code == 0
    assert "secret-farm-01" not in blind.output
    assert "secret-farm-01" in audit.output and "missed" in audit.output


def test_regression_counts_heldout_changes_without_showing_them() -> None:
    regression = regression_module()
    heldout = f"{goldset.HELDOUT_PATH.name}:3@published"
    dev = "passages.jsonl:0@published"
    before = {heldout: [{"surface": "40 secret", "unit": "sheep"}], dev: []}
    now = {heldout: [{"surface": "40 secret", "unit": "goats"}], dev: [{"surface": "9"}]}
    lines, changed = regression.report(before, now)
    text = "\n".join(lines)
    assert changed == 2
    assert dev in text
    assert "secret" not in text and heldout not in text
    assert "1 held-out readings changed" in text and "final audit only" in text


def test_regression_shows_heldout_changes_when_asked() -> None:
    regression = regression_module()
    heldout = f"{goldset.HELDOUT_PATH.name}:3@published"
    lines, changed = regression.report({heldout: [{"surface": "40", "unit": "sheep"}]},
                                       {heldout: [{"surface": "40", "unit": "goats"}]},
                                       show_heldout=True)
    assert changed == 1 and heldout in lines and any("goats" in line for line in lines)
