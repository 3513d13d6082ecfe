"""Adapters over the PRISM HTTP API and its signed storage URLs."""
