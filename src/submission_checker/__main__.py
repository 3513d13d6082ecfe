"""`python -m submission_checker` runs the `submission-checker` command."""

from endpoints_submission_cli.entrypoints.checker_cli import run

run()
