"""Writes: the only code that changes records."""
