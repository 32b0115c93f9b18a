"""The optional compiled core: lintnews/_speedups.c, built where a C compiler exists.

Where it cannot be built (no compiler), pip goes on without it and lintnews runs its
pure-Python analysis, which gives the same findings (`lintnews --version` says which).
Everything else is in pyproject.toml.
"""
from setuptools import Extension, setup

setup(ext_modules=[Extension("lintnews._speedups", ["lintnews/_speedups.c"], optional=True)])
