"""Cleaning: a raw Article becomes the story; chrome is cut by its kind and the title,
author and date are found."""

from tts.text.clean.article import clean_article

__all__ = ["clean_article"]
