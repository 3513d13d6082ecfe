"""Public import name of the MLPerf Endpoints submission checker."""

from endpoints_submission_cli import __version__

__all__ = ["__version__"]
