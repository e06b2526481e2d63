"""Reads: selectors load rows, turn them into domain values and return plain results.

The results are the JSON contract of the CLI's `--json` output (and the API's).
"""
