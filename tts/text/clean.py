"""Cleaning: keep every sentence of the story, drop the page chrome, find the metadata."""

from __future__ import annotations

from dataclasses import replace

from tts.text.model import Article


def clean_article(article: Article) -> Article:
    """Return the article with blank lines removed (first level; rules to come)."""
    paragraphs = [line.strip() for line in article.paragraphs if line.strip()]
    title = article.title or (paragraphs[0] if paragraphs else None)
    return replace(article, title=title, paragraphs=paragraphs)
