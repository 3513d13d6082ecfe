"""The dependency container: configuration, then adapters, then use cases."""

from dependency_injector import containers, providers

# Runs: imports.
from endpoints_submission_cli.adapters.filesystem.archives import TarGzRunArchive
from endpoints_submission_cli.adapters.filesystem.run_folder import (
    FilesystemRunFolder,
)
from endpoints_submission_cli.adapters.prism import (
    HttpxArchiveTransfer,
    HttpxRunsApi,
)
from endpoints_submission_cli.application.create_run import CreateRun
from endpoints_submission_cli.application.delete_run import DeleteRun
from endpoints_submission_cli.application.get_run import GetRun
from endpoints_submission_cli.application.list_runs import ListRuns
from endpoints_submission_cli.application.pin_run import PinRun
from endpoints_submission_cli.application.unpin_run import UnpinRun

# End of runs imports.


class Container(containers.DeclarativeContainer):
    """Wires the adapters to the ports of the use cases the commands run."""

    config = providers.Configuration()

    # Adapters.

    # Runs adapters: `config.api.base_url` and `config.api.token` configure the API.
    runs_api = providers.Singleton(
        HttpxRunsApi, base_url=config.api.base_url, token=config.api.token
    )
    archive_transfer = providers.Singleton(HttpxArchiveTransfer)
    run_folder = providers.Factory(FilesystemRunFolder)
    run_archive = providers.Factory(TarGzRunArchive)
    # End of runs adapters.

    # Use cases.

    # Runs use cases.
    list_runs = providers.Factory(ListRuns, runs_api=runs_api)
    get_run = providers.Factory(GetRun, runs_api=runs_api)
    delete_run = providers.Factory(DeleteRun, runs_api=runs_api)
    pin_run = providers.Factory(PinRun, runs_api=runs_api)
    unpin_run = providers.Factory(UnpinRun, runs_api=runs_api)
    create_run = providers.Factory(
        CreateRun,
        run_folder=run_folder,
        run_archive=run_archive,
        runs_api=runs_api,
        transfer=archive_transfer,
    )
    # End of runs use cases.
