"""Datasets: YAML files in and out, and the built-in CSTO dataset."""
