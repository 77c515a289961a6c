"""Normalising: the spoken form of a sentence (numbers, dates, money, links, abbreviations)."""

from tts.text.normalize.spoken import RULES, normalize

__all__ = ["RULES", "normalize"]
