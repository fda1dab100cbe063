"""Parsing and checking what the pages' forms send."""
