"""Byline: a benchmark for information extraction from news."""

__version__ = "0.1.0"
