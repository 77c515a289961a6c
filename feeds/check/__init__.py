"""The rule checker: a built show's output/ (and optionally its server) held to the rules of
PODCAST_RULES.md. `run` holds the rule table and the entry point, `context` what every rule
sees; one module per family of rules (`channel`, `items`, `podcasting20`, `audio`, `id3`,
`serving`), `transcripts` and `audio_measure` what those rules read from the transcript files and
the MP3, and `reference_lists` the lists they compare against."""

from feeds.check.context import Finding, Rule, Targets
from feeds.check.run import RULES, check_output, format_finding

__all__ = ["RULES", "Finding", "Rule", "Targets", "check_output", "format_finding"]
