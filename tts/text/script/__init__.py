"""Scripting: a cleaned Article becomes a Script: which quotations are speech, and who
speaks each."""

from tts.text.script.segments import PAUSES, script_article

__all__ = ["PAUSES", "script_article"]
