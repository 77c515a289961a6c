"""Normalisation: news text to the words a listener should hear (first level: white space)."""

from __future__ import annotations


def normalize(text: str) -> str:
    """Return the spoken form of one sentence."""
    return " ".join(text.split())
