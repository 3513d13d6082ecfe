"""docs/rules.md is the rule reference generated from the rule registry."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from endpoints_submission_cli.domain.rules import SEED_RULES

DOCS = Path(__file__).resolve().parents[2] / "docs"


def build_rules() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_rules", DOCS / "build_rules.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_committed_page_is_what_the_registry_generates() -> None:
    committed = (DOCS / "rules.md").read_text(encoding="utf-8")

    assert committed == build_rules().render(SEED_RULES), (
        "docs/rules.md is out of date: run `python docs/build_rules.py`"
    )


def test_the_page_documents_every_rule_with_its_fix() -> None:
    page = build_rules().render(SEED_RULES)

    for rule in SEED_RULES.rules:
        assert f"### {rule.id}\n" in page
        assert rule.fix in page
        assert rule.title in page


def test_the_page_names_the_ruleset_and_the_rules_key() -> None:
    page = build_rules().render(SEED_RULES)

    assert "    mlperf-endpoints-seed\n" in page
    assert "`rules` key" in page
