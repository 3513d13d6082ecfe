"""The dependency container: configuration, then adapters, then use cases."""

from dependency_injector import containers, providers

from endpoints_submission_cli import __version__
from endpoints_submission_cli.adapters.filesystem.rule_data import (
    load_min_query_counts,
)
from endpoints_submission_cli.adapters.filesystem.submission_source import (
    FilesystemSubmissionSource,
)
from endpoints_submission_cli.application.check_submission import CheckSubmission
from endpoints_submission_cli.domain.rules import SeedRuleset


class Container(containers.DeclarativeContainer):
    """Wires the adapters to the ports of the use cases the commands run."""

    config = providers.Configuration()

    # Adapters.

    # -- checker adapters --
    submission_source = providers.Factory(FilesystemSubmissionSource)
    min_query_counts = providers.Singleton(load_min_query_counts)
    seed_ruleset = providers.Singleton(SeedRuleset, min_query_counts=min_query_counts)
    # -- end of checker adapters --

    # Use cases.

    # -- checker use cases --
    check_submission = providers.Factory(
        CheckSubmission,
        source=submission_source,
        ruleset=seed_ruleset,
        checker_version=__version__,
    )
    # -- end of checker use cases --
