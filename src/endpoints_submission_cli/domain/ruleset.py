"""Rules as data: each rule's identity and documentation, and rulesets of them."""

from __future__ import annotations

import enum

import attrs

from endpoints_submission_cli.domain.findings import Severity


class Scope(enum.Enum):
    """The part of a submission one evaluation of a rule looks at."""

    SUBMISSION = "submission"
    SYSTEM = "system"
    CURVE = "curve"
    POINT = "point"


@attrs.frozen
class Rule:
    """What one rule checks, where it stands in the rules, and how to fix it.

    `clause` is the reference written into its findings (`#1`, `#3–6`);
    `severities` are the severities its findings can have; `title` says in one
    sentence what it checks; `fix` says what to change when it fails.
    """

    id: str
    clause: str
    scope: Scope
    severities: tuple[Severity, ...]
    title: str
    fix: str


@attrs.frozen
class Ruleset:
    """An ordered collection of rules of one generation, under a stable name."""

    name: str
    rules: tuple[Rule, ...]

    def get(self, rule_id: str) -> Rule:
        """Return the rule with this id.

        Raises:
            KeyError: the ruleset has no such rule.
        """
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)
