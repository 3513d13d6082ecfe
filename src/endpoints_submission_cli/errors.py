"""The root of every error this package raises on purpose."""


class EndpointsSubmissionError(Exception):
    """Raised, through a subclass, for every failure the package anticipates."""
