"""The dependency container: configuration, then adapters, then use cases.

Providers name what they build by import path and import it on first use, so
that a command loads only the adapters it needs: `check` never imports the
HTTP client, and the `runs` commands never import the rules.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from dependency_injector import containers, providers

from endpoints_submission_cli import __version__

PACKAGE = "endpoints_submission_cli"


def deferred(path: str) -> Callable[..., Any]:
    """Return a callable that imports `module:name` of the package and calls it."""
    module_name, _, name = path.partition(":")

    def build(*args: Any, **kwargs: Any) -> Any:
        module = importlib.import_module(f"{PACKAGE}.{module_name}")
        return getattr(module, name)(*args, **kwargs)

    build.__qualname__ = build.__name__ = name
    return build


class Container(containers.DeclarativeContainer):
    """Wires the adapters to the ports of the use cases the commands run.

    `config.api.base_url` and `config.api.token` configure the PRISM client.
    """

    config = providers.Configuration()

    # Adapters.
    submission_source = providers.Factory(
        deferred("adapters.filesystem.submission_source:FilesystemSubmissionSource")
    )
    min_query_counts = providers.Singleton(
        deferred("adapters.filesystem.rule_data:load_min_query_counts")
    )
    seed_ruleset = providers.Singleton(
        deferred("domain.rules:SeedRuleset"), min_query_counts=min_query_counts
    )
    runs_api = providers.Singleton(
        deferred("adapters.prism:HttpxRunsApi"),
        base_url=config.api.base_url,
        token=config.api.token,
    )
    archive_transfer = providers.Singleton(
        deferred("adapters.prism:HttpxArchiveTransfer")
    )
    run_folder = providers.Factory(
        deferred("adapters.filesystem.run_folder:FilesystemRunFolder")
    )
    run_archive = providers.Factory(
        deferred("adapters.filesystem.archives:TarGzRunArchive")
    )

    # Use cases.
    check_submission = providers.Factory(
        deferred("application.check_submission:CheckSubmission"),
        source=submission_source,
        ruleset=seed_ruleset,
        checker_version=__version__,
    )
    list_runs = providers.Factory(
        deferred("application.list_runs:ListRuns"), runs_api=runs_api
    )
    get_run = providers.Factory(
        deferred("application.get_run:GetRun"), runs_api=runs_api
    )
    delete_run = providers.Factory(
        deferred("application.delete_run:DeleteRun"), runs_api=runs_api
    )
    pin_run = providers.Factory(
        deferred("application.pin_run:PinRun"), runs_api=runs_api
    )
    unpin_run = providers.Factory(
        deferred("application.unpin_run:UnpinRun"), runs_api=runs_api
    )
    create_run = providers.Factory(
        deferred("application.create_run:CreateRun"),
        run_folder=run_folder,
        run_archive=run_archive,
        runs_api=runs_api,
        transfer=archive_transfer,
    )
