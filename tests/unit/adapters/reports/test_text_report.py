"""The terminal report: groups, finding lines, fix hints, quiet and verdict."""

from __future__ import annotations

import os

from endpoints_submission_cli.adapters.reports import text_report
from endpoints_submission_cli.adapters.reports.text_report import (
    group_findings,
    group_key,
    relative_path,
    render_text_report,
    verdict_line,
)
from endpoints_submission_cli.domain.findings import Finding, Report, Severity
from endpoints_submission_cli.domain.ruleset import Rule, Ruleset, Scope

ROOT = "subs/acme"
RULESET = Ruleset(
    name="test-rules",
    rules=(
        Rule(
            id="point-count",
            clause="#2, #8",
            scope=Scope.CURVE,
            severities=(Severity.INFO, Severity.ERROR),
            title="A curve has at least seven points.",
            fix="Measure and add points until the curve has seven.",
        ),
        Rule(
            id="point-duration",
            clause="#11",
            scope=Scope.POINT,
            severities=(Severity.INFO, Severity.WARNING),
            title="A point lasts at least its region's minimum.",
            fix="Run the point for longer.",
        ),
    ),
)


def finding(
    rule: str, severity: Severity, path: str | None, message: str = "text"
) -> Finding:
    return Finding(rule=rule, message=message, severity=severity, path=path)


def report(*findings: Finding) -> Report:
    return Report(
        submission_path=ROOT,
        results=findings,
        checker_version="9.9.9",
        rules="test-rules",
    )


def render(*findings: Finding, **options: bool) -> str:
    return render_text_report(report(*findings), RULESET, **options)


class TestRelativePath:
    def test_strips_the_checked_folder(self) -> None:
        assert relative_path(f"{ROOT}/systems/a.json", ROOT) == "systems/a.json"

    def test_accepts_a_root_given_with_a_trailing_slash(self) -> None:
        assert relative_path(f"{ROOT}/systems", ROOT + "/") == "systems"

    def test_keeps_the_folder_itself_and_paths_outside_it(self) -> None:
        assert relative_path(ROOT, ROOT) == ROOT
        assert relative_path("elsewhere/x.json", ROOT) == "elsewhere/x.json"
        assert relative_path(f"{ROOT}-other/x", ROOT) == f"{ROOT}-other/x"

    def test_gives_an_empty_string_without_a_path(self) -> None:
        assert relative_path(None, ROOT) == ""


class TestGroupKey:
    def test_puts_a_system_file_and_its_pareto_folder_under_the_system(self) -> None:
        assert group_key(f"{ROOT}/systems/h200.v2.json", ROOT) == ("h200.v2", "")
        assert group_key(f"{ROOT}/pareto/h200", ROOT) == ("h200", "")

    def test_puts_everything_below_a_model_folder_under_the_model(self) -> None:
        path = f"{ROOT}/pareto/h200/llama/results/point_16/x.json"

        assert group_key(path, ROOT) == ("h200", "llama")
        assert group_key(f"{ROOT}/pareto/h200/llama", ROOT) == ("h200", "llama")

    def test_puts_other_paths_under_the_submission(self) -> None:
        for path in (ROOT, f"{ROOT}/systems", f"{ROOT}/src", "/elsewhere", None):
            assert group_key(path, ROOT) == ("", "")


class TestGroupFindings:
    def test_puts_the_submission_first_and_each_system_before_its_models(
        self,
    ) -> None:
        findings = [
            finding("a", Severity.ERROR, f"{ROOT}/pareto/b/m1/points"),
            finding("b", Severity.ERROR, f"{ROOT}/systems/c.json"),
            finding("c", Severity.ERROR, f"{ROOT}/src"),
            finding("d", Severity.ERROR, f"{ROOT}/pareto/b"),
            finding("e", Severity.ERROR, f"{ROOT}/pareto/b/m0/points"),
            finding("f", Severity.ERROR, f"{ROOT}/pareto/b/m1/accuracy"),
        ]

        groups = group_findings(findings, ROOT)

        assert list(groups) == [
            "Submission",
            "System b",
            "System b, model m1",
            "System b, model m0",
            "System c",
        ]
        assert [f.rule for f in groups["System b, model m1"]] == ["a", "f"]


class TestRenderTextReport:
    def test_starts_with_a_header_naming_the_checked_folder(self) -> None:
        lines = render().splitlines()

        assert lines[0] == f"Submission check — {ROOT}"
        assert "test-rules" in lines[1]

    def test_groups_findings_by_submission_system_and_model(self) -> None:
        text = render(
            finding("path-exists", Severity.INFO, ROOT),
            finding(
                "system-description-valid", Severity.INFO, f"{ROOT}/systems/h.json"
            ),
            finding("point-count", Severity.ERROR, f"{ROOT}/pareto/h/m/points"),
            finding("required-dir", Severity.INFO, f"{ROOT}/pareto"),
        )
        lines = text.splitlines()

        titles = [line for line in lines if line and not line.startswith(" ")]
        assert titles[2:5] == ["Submission", "System h", "System h, model m"]
        submission = lines.index("Submission")
        assert "required-dir" in lines[submission + 3]

    def test_shows_severity_rule_clause_relative_path_and_message(self) -> None:
        text = render(
            Finding(
                rule="point-count",
                message="Only 3 points; at least 7 are needed.",
                severity=Severity.ERROR,
                path=f"{ROOT}/pareto/h/m/points",
                spec_ref="#2, #8",
            )
        )

        assert "  error   point-count [#2, #8] pareto/h/m/points" in text
        assert "      Only 3 points; at least 7 are needed." in text

    def test_adds_the_rules_fix_hint_to_errors_and_warnings(self) -> None:
        text = render(
            finding("point-count", Severity.ERROR, f"{ROOT}/pareto/h/m/points"),
            finding("point-duration", Severity.WARNING, f"{ROOT}/pareto/h/m/x"),
        )

        assert "fix: Measure and add points until the curve has seven." in text
        assert "fix: Run the point for longer." in text

    def test_gives_no_fix_hint_for_info_or_an_unknown_rule(self) -> None:
        text = render(
            finding("point-count", Severity.INFO, f"{ROOT}/pareto/h/m/points"),
            finding("not-a-rule", Severity.ERROR, ROOT),
        )

        assert "fix:" not in text

    def test_quiet_hides_info_findings(self) -> None:
        text = render(
            finding("path-exists", Severity.INFO, ROOT, "folder exists"),
            finding("point-duration", Severity.WARNING, f"{ROOT}/pareto/h/m/x"),
            quiet=True,
        )

        assert "info" not in text.lower()
        assert "point-duration" in text

    def test_quiet_with_nothing_to_show_says_so(self) -> None:
        text = render(finding("path-exists", Severity.INFO, ROOT), quiet=True)

        assert "No errors or warnings." in text

    def test_ends_with_the_verdict_line(self) -> None:
        text = render(finding("point-count", Severity.ERROR, ROOT))

        assert text.splitlines()[-1] == "FAILED — 1 error(s), 0 warning(s)"

    def test_keeps_a_long_message_on_its_own_lines(self) -> None:
        message = "word " * 200
        text = render(finding("point-count", Severity.ERROR, ROOT, message))

        assert max(len(line) for line in text.splitlines() if "word" not in line) < 80

    def test_lists_errors_and_warnings_per_group_when_several_groups_fail(
        self,
    ) -> None:
        text = render(
            finding("point-count", Severity.ERROR, f"{ROOT}/pareto/a/m/points"),
            finding("point-count", Severity.ERROR, f"{ROOT}/pareto/b/m/points"),
            finding("point-duration", Severity.WARNING, f"{ROOT}/pareto/b/m/x"),
        )

        assert "Where" in text
        assert "System b, model m       1         1" in text

    def test_colours_only_when_asked(self) -> None:
        plain = render(finding("point-count", Severity.ERROR, ROOT))
        coloured = render(finding("point-count", Severity.ERROR, ROOT), color=True)

        assert "\x1b[" not in plain
        assert "\x1b[1;31merror" in coloured


class TestVerdictLine:
    def test_passes_with_warnings_only(self) -> None:
        result = report(finding("point-duration", Severity.WARNING, ROOT))

        assert verdict_line(result) == "PASSED — 0 error(s), 1 warning(s)"

    def test_fails_with_warnings_under_strict(self) -> None:
        result = report(finding("point-duration", Severity.WARNING, ROOT))

        assert verdict_line(result, strict=True) == "FAILED — 0 error(s), 1 warning(s)"

    def test_counts_errors_and_warnings(self) -> None:
        result = report(
            finding("a", Severity.ERROR, ROOT),
            finding("b", Severity.ERROR, ROOT),
            finding("c", Severity.WARNING, ROOT),
            finding("d", Severity.INFO, ROOT),
        )

        assert verdict_line(result) == "FAILED — 2 error(s), 1 warning(s)"


class TestControlCharacters:
    NAME = "x\x1b[31mred\nline"

    def test_escapes_them_in_the_heading_path_and_message(self) -> None:
        path = f"{ROOT}/systems/{self.NAME}.json"

        text = render(finding("point-count", Severity.ERROR, path, f"bad {path}"))

        lines = text.splitlines()
        assert "System x\\x1b[31mred\\nline" in lines
        assert "  error   point-count systems/x\\x1b[31mred\\nline.json" in lines
        assert f"      bad {ROOT}/systems/x\\x1b[31mred\\nline.json" in lines
        assert "\x1b" not in text

    def test_escapes_them_in_the_checked_folder_and_the_overview(self) -> None:
        root = "subs/\x1b]0;title\x07"
        result = Report(
            submission_path=root,
            results=(
                finding("point-count", Severity.ERROR, f"{root}/pareto/a\r/m"),
                finding("point-count", Severity.ERROR, f"{root}/pareto/b\t/m"),
            ),
            checker_version="9.9.9",
            rules="test-rules",
        )

        text = render_text_report(result, RULESET)

        lines = text.splitlines()
        assert lines[0] == "Submission check — subs/\\x1b]0;title\\x07"
        assert "  error   point-count pareto/a\\r/m" in lines
        assert "System a\\r, model m       1         0" in lines
        assert "System b\\t, model m       1         0" in lines
        assert not {"\x1b", "\x07", "\r", "\t"} & {*text}

    def test_escapes_delete_and_the_c1_controls(self) -> None:
        message = "a\x7fb\x85c\x9b2Jd\x00e"

        text = render(finding("point-count", Severity.ERROR, ROOT, message))

        assert "      a\\x7fb\\x85c\\x9b2Jd\\x00e" in text.splitlines()

    def test_escapes_the_marks_that_reorder_or_break_text(self) -> None:
        message = "run\u202etxt.json\u2028next\u2066x\u2069\u200f"

        text = render(finding("point-count", Severity.ERROR, ROOT, message))

        assert (
            "      run\\u202etxt.json\\u2028next\\u2066x\\u2069\\u200f"
            in text.splitlines()
        )

    def test_finds_exactly_the_characters_it_escapes(self) -> None:
        found = {c for c in range(0x3000) if text_report._CONTROL.search(chr(c))}

        assert found == set(text_report._CONTROL_ESCAPES)

    def test_keeps_only_its_own_colours(self) -> None:
        path = f"{ROOT}/systems/{self.NAME}.json"

        text = render(finding("point-count", Severity.ERROR, path), color=True)

        styles = ("\x1b[1;31m", "\x1b[0m")
        assert "\x1b" not in text.replace(styles[0], "").replace(styles[1], "")
        assert text.count(styles[0]) == 2

    def test_leaves_other_characters_as_they_are(self) -> None:
        undecodable = os.fsdecode(b"\xff")
        message = f"3 ≥ 7 — no; naïve {undecodable} back\\slash"

        text = render(finding("point-count", Severity.ERROR, ROOT, message))

        assert f"      {message}" in text.splitlines()
