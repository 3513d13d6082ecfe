"""The bundled data files of the rulesets."""

from __future__ import annotations

from importlib import resources

from endpoints_submission_cli.adapters.filesystem.rule_data import (
    SEED_MIN_QUERY_COUNTS,
    load_min_query_counts,
)


def test_seed_minimum_query_counts_are_the_seed_table():
    assert load_min_query_counts() == {
        "dataset-a": 1,
        "dataset-b": 10,
        "dataset-c": 100,
    }


def test_counts_are_integers_keyed_by_dataset_name():
    counts = load_min_query_counts()

    assert all(type(count) is int for count in counts.values())
    assert all(isinstance(dataset, str) for dataset in counts)


def test_each_call_returns_a_fresh_table():
    counts = load_min_query_counts()
    counts["dataset-a"] = 0

    assert load_min_query_counts()["dataset-a"] == 1


def test_data_file_is_a_resource_of_the_installed_package():
    package = resources.files("endpoints_submission_cli.adapters.filesystem")

    assert (package / "data" / SEED_MIN_QUERY_COUNTS).is_file()
