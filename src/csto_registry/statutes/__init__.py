"""The organization's rules as pure functions: facts and statute parameters in, a result value out.

Nothing here imports Django or looks anything up; `timeline` is the only
project package it may use.
"""
