"""`submission-checker regions`, `--help` and `--version` through main(argv)."""

from __future__ import annotations

import json

import pytest

from endpoints_submission_cli import __version__
from endpoints_submission_cli.entrypoints.checker_cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


class TestRegionsTable:
    def test_prints_the_four_regions_of_m_1024(self, capsys) -> None:
        code, out, err = run(capsys, "regions", "--max-concurrency", "1024")

        assert code == 0
        assert err == ""
        rows = [line.split() for line in out.splitlines()]
        assert ["Low", "Latency", "1", "32", "600", "s"] in rows
        assert ["Low", "Throughput", "33", "42", "1200", "s"] in rows
        assert ["Medium", "Throughput", "43", "131", "1200", "s"] in rows
        assert (rows[-1][:7]) == [
            "High",
            "Throughput",
            "(incl.",
            "10%",
            "margin)",
            "132",
            "1127",
        ]

    def test_names_m_in_the_title(self, capsys) -> None:
        _, out, _ = run(capsys, "regions", "-M", "100")

        assert (
            out.splitlines()[0] == "Regions for maximum supported concurrency M = 100"
        )
        assert out.split()[-3] == "110"

    def test_explains_an_empty_region(self, capsys) -> None:
        _, out, _ = run(capsys, "regions", "-M", "33")

        assert "Medium Throughput is empty for M = 33" in out
        assert "—" in out


class TestRegionsJson:
    def test_prints_the_regions_as_json(self, capsys) -> None:
        code, out, _ = run(capsys, "regions", "-M", "1024", "--json")

        assert code == 0
        document = json.loads(out)
        assert document["max_supported_concurrency"] == 1024
        assert [(r["key"], r["start"], r["end"]) for r in document["regions"]] == [
            ("low_latency", 1, 32),
            ("low_throughput", 33, 42),
            ("med_throughput", 43, 131),
            ("high_throughput", 132, 1127),
        ]
        assert [r["min_duration_ms"] for r in document["regions"]] == [
            600_000,
            1_200_000,
            1_200_000,
            1_200_000,
        ]

    def test_marks_an_empty_region(self, capsys) -> None:
        _, out, _ = run(capsys, "regions", "-M", "33", "--json")

        assert [r["empty"] for r in json.loads(out)["regions"]] == [
            False,
            False,
            True,
            False,
        ]


class TestBadInput:
    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            ("32", "greater than 32, got 32"),
            ("0", "greater than 32, got 0"),
            ("-40", "greater than 32, got -40"),
            ("abc", "must be an integer, got 'abc'"),
            ("64.0", "must be an integer, got '64.0'"),
            ("", "must be an integer, got ''"),
            ("1_024", "must be an integer, got '1_024'"),
            ("١٠٢٤", "must be an integer, got '١٠٢٤'"),
            ("x" * 5000, f"must be an integer, got '{'x' * 40}…'"),
            ("7" * 5000, "of 5000 digits is too large"),
        ],
        ids=[
            "32",
            "zero",
            "negative",
            "letters",
            "float",
            "empty",
            "underscore",
            "arabic-indic-digits",
            "long-text",
            "5000-digits",
        ],
    )
    def test_rejects_m_with_one_error_line(self, capsys, value, expected) -> None:
        code, out, err = run(capsys, "regions", "--max-concurrency", value)

        assert code == 2
        assert out == ""
        assert err.count("\n") == 1
        assert err.startswith("error: ")
        assert expected in err

    def test_requires_m(self, capsys) -> None:
        code, _, err = run(capsys, "regions")

        assert code == 2
        assert err.startswith("error: the following arguments are required: -M")

    def test_rejects_an_unknown_command(self, capsys) -> None:
        code, _, err = run(capsys, "frobnicate")

        assert code == 2
        assert "invalid choice: 'frobnicate'" in err

    def test_requires_a_command(self, capsys) -> None:
        code, _, err = run(capsys)

        assert code == 2
        assert err.startswith("error: ")


class TestHelpAndVersion:
    def test_prints_the_version(self, capsys) -> None:
        code, out, _ = run(capsys, "--version")

        assert code == 0
        assert out == f"submission-checker {__version__}\n"

    def test_help_lists_the_commands(self, capsys) -> None:
        code, out, _ = run(capsys, "--help")

        assert code == 0
        assert "regions" in out
        assert "usage: submission-checker" in out
