"""Check MLPerf Endpoints submissions and hand them in through the PRISM API."""

import logging

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
