"""Adapters that connect the application's ports to files, HTTP and subprocesses."""
