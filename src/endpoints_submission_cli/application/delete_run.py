"""Delete a run and its stored archive."""

from __future__ import annotations

import logging

from endpoints_submission_cli.application.errors import NotFound, RemoteError
from endpoints_submission_cli.application.ports import RunsApi

logger = logging.getLogger(__name__)


class DeleteRun:
    """Delete the archive first, so that a failing record delete orphans no blob."""

    def __init__(self, runs_api: RunsApi) -> None:
        self._runs_api = runs_api

    def execute(self, run_id: str) -> None:
        """Delete the run's archive, then the run.

        A run without an archive is fine; any other failure to delete the
        archive is logged as a warning and the run is deleted anyway.

        Raises:
            RemoteError: when the run itself cannot be deleted.
        """
        self._delete_archive(run_id)
        self._runs_api.delete_run(run_id)

    def _delete_archive(self, run_id: str) -> None:
        try:
            self._runs_api.delete_run_archive(run_id)
        except NotFound:
            logger.debug("run %s has no stored archive", run_id)
        except RemoteError as err:
            logger.warning(
                "could not delete the archive of run %s (%s); deleting the run anyway",
                run_id,
                err,
            )
