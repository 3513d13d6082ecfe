"""Pure model and rules of a submission: no I/O, no third-party imports but attrs."""
