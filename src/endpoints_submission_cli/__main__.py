"""`python -m endpoints_submission_cli` runs the `endpoints-submission-cli` command."""

from endpoints_submission_cli.entrypoints.prism_cli import run

run()
