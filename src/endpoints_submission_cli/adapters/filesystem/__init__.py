"""Adapters over the local filesystem: submission folders, run folders, archives."""
