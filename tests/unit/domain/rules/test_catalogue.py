"""The catalogue of the seed rules and its agreement with the evaluation."""

from __future__ import annotations

from endpoints_submission_cli.domain.findings import Severity
from endpoints_submission_cli.domain.rules import SEED_RULES, SeedRuleset
from endpoints_submission_cli.domain.rules.seed import ALL_STEPS
from endpoints_submission_cli.domain.ruleset import Scope

CATALOGUE = [
    ("path-exists", "#1"),
    ("required-dir", "#1"),
    ("system-description-present", "#1"),
    ("system-description-valid", "#1"),
    ("src-dir", "#1"),
    ("pareto-dir-exists", "#1"),
    ("benchmark-model-dir", "#1"),
    ("max-concurrency-declared", "#7"),
    ("region-computation", "#7"),
    ("pareto-subdir", "#1"),
    ("measurement-points-present", "#1"),
    ("point-config-valid", ""),
    ("point-filename-concurrency", "#1"),
    ("load-pattern", "#10"),
    ("streaming-config", "#13"),
    ("concurrency-in-range", "#9"),
    ("region-declared", "#8.3"),
    ("result-file-present", "#1"),
    ("result-detail-present", "#1"),
    ("result-file-valid", ""),
    ("point-duration", "#11"),
    ("min-query-count", "#12"),
    ("metric-consistency-duration", "#14"),
    ("metric-consistency-accounting", "#14"),
    ("metric-consistency-output-tokens", "#14"),
    ("metric-consistency-system-tps", "#9.1"),
    ("metric-consistency-tps-per-user", "#9.1"),
    ("accuracy-file", "#15"),
    ("accuracy-valid", ""),
    ("accuracy-consistency", "#15"),
    ("point-count", "#2, #8"),
    ("point-cap", "#2, #8"),
    ("low-latency-coverage", "#3–6"),
    ("low-throughput-coverage", "#3–6"),
    ("med-throughput-coverage", "#3–6"),
    ("high-throughput-coverage", "#3–6"),
    ("config-consistency-dataset", "#16"),
    ("config-consistency-model", "#16"),
    ("accuracy-gate", "#15"),
    ("path-escape", "#1"),
]


def test_the_ruleset_has_a_stable_name() -> None:
    assert SEED_RULES.name == "mlperf-endpoints-seed"
    assert SeedRuleset({}).metadata is SEED_RULES


def test_lists_the_39_seed_rules_in_catalogue_order_then_path_escape() -> None:
    assert [(rule.id, rule.clause) for rule in SEED_RULES.rules] == CATALOGUE


def test_every_rule_has_a_title_a_fix_and_severities() -> None:
    for rule in SEED_RULES.rules:
        assert rule.title.endswith(".")
        assert rule.fix.endswith(".")
        assert rule.severities


def test_scopes_follow_the_catalogue() -> None:
    scopes = {rule.id: rule.scope for rule in SEED_RULES.rules}

    assert scopes["required-dir"] is Scope.SUBMISSION
    assert scopes["src-dir"] is Scope.SYSTEM
    assert scopes["pareto-subdir"] is Scope.CURVE
    assert scopes["region-declared"] is Scope.POINT


def test_severities_follow_the_catalogue() -> None:
    rule = SEED_RULES.get("region-declared")

    assert set(rule.severities) == set(Severity)
    assert SEED_RULES.get("point-cap").severities == (Severity.ERROR,)
    assert SEED_RULES.get("max-concurrency-declared").severities == (Severity.INFO,)


def test_every_catalogued_rule_is_evaluated_once_and_nothing_else() -> None:
    evaluated = [step.rule for step in ALL_STEPS]

    assert sorted(set(evaluated)) == sorted(
        rule.id for rule in SEED_RULES.rules if rule.id != "path-escape"
    )
    assert len(evaluated) == len(set(evaluated))
