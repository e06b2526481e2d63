"""CSTO Registry: time-aware records of a collective-security organization."""

__version__ = "0.1.0"
