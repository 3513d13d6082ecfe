"""The man pages in docs/man are generated from the parsers and kept current."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

MAN = Path(__file__).resolve().parents[2] / "docs" / "man"


def load_builder():
    spec = importlib.util.spec_from_file_location("man_build", MAN / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


BUILDER = load_builder()


def test_checker_page_documents_the_regions_command() -> None:
    module, summary = BUILDER.PAGES["submission-checker"]

    page = BUILDER.render(module, summary)

    assert page.startswith(".TH SUBMISSION\\-CHECKER")
    assert "regions" in page
    assert "\\-\\-max\\-concurrency" in page


@pytest.mark.parametrize("prog", BUILDER.PAGES)
def test_committed_page_is_current(prog: str) -> None:
    module, summary = BUILDER.PAGES[prog]
    committed = (MAN / f"{prog}.1").read_text(encoding="utf-8")

    assert committed == BUILDER.render(module, summary), (
        f"docs/man/{prog}.1 is out of date: run python docs/man/build.py"
    )
