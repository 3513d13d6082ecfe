"""Plain-text tables."""

from endpoints_submission_cli.adapters.reports.table import (
    RIGHT,
    display_width,
    render_table,
)


def test_aligns_columns_under_their_headers() -> None:
    table = render_table(("Name", "N"), [("alpha", "1"), ("b", "200")], ("<", RIGHT))

    assert table.splitlines() == ["Name     N", "alpha    1", "b      200"]


def test_never_writes_trailing_spaces() -> None:
    table = render_table(("A", "B"), [("x", "")])

    assert all(line == line.rstrip() for line in table.splitlines())


def test_shows_a_newline_in_a_cell_as_a_space() -> None:
    table = render_table(("A",), [("one\ntwo",)])

    assert table.splitlines()[1] == "one two"


def test_counts_wide_characters_as_two_columns() -> None:
    assert display_width("日本") == 4
    assert display_width("—") == 1
