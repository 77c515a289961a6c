"""An episode is cut into blocks by its content: an edit changes the blocks around it and no
others, so a re-build re-encodes only those. Invented paragraphs; no audio is made."""

from __future__ import annotations

import hashlib
from pathlib import Path

from tts.blocks import MAX_CHARS, MIN_CUT_PAUSE_MS, plan_blocks
from tts.episode import AudioSettings, Part

WORDS = "council bridge river budget library mayor spring traffic noise school harbour ferry"


def sentence(n: int) -> str:
    words = WORDS.split()
    picked = [words[(n * 7 + k * 3) % len(words)] for k in range(9)]
    return f"The {' '.join(picked)} story number {n} went on for a while."


def part(text: str, pause: int, chapter: str | None = None) -> Part:
    # As the build names them: the WAV's name is the hash of what is spoken.
    name = hashlib.sha256(text.encode()).hexdigest()[:24] + ".wav"
    return Part(Path("cache") / name, "narrator", text, pause, chapter=chapter)


def article(paragraphs: int, start: int = 0) -> list[Part]:
    parts = []
    for p in range(paragraphs):
        for s in range(3):
            text = sentence(start + p * 3 + s)
            parts.append(part(text, 700 if s == 2 else 350, "Story" if p == s == 0 else None))
    return parts


def keys(parts: list[Part]) -> list[str]:
    return [b.key for b in plan_blocks(parts, AudioSettings())]


def test_blocks_end_only_at_a_paragraph_and_hold_every_part_once() -> None:
    parts = article(40)
    blocks = plan_blocks(parts, AudioSettings())
    assert 3 < len(blocks) <= 40
    assert [p for b in blocks for p in b.parts] == parts
    for block in blocks[:-1]:
        assert block.parts[-1].pause_after >= MIN_CUT_PAUSE_MS  # never inside a paragraph
        assert sum(len(p.text) for p in block.parts) <= MAX_CHARS + 200


def test_unbroken_speech_is_still_cut_into_blocks_of_bounded_length() -> None:
    """A script with no paragraph pauses (an hour of it would be held in memory whole)."""
    parts = [part(sentence(n), 300) for n in range(400)] + [part(sentence(999), 0)] * 200
    blocks = plan_blocks(parts, AudioSettings())
    assert [p for b in blocks for p in b.parts] == parts
    assert max(sum(len(p.text) for p in b.parts) for b in blocks) <= 2 * MAX_CHARS + 200
    assert blocks[0].first and blocks[-1].last and not blocks[1].first


def test_a_chapter_starts_a_block() -> None:
    parts = article(6) + [part(sentence(900), 700, "Second story")] + article(6, start=500)
    blocks = plan_blocks(parts, AudioSettings())
    assert any(b.parts[0].chapter == "Second story" for b in blocks)


def test_an_edited_paragraph_changes_only_the_blocks_around_it() -> None:
    parts = article(60)
    before = keys(parts)
    for where in (20 * 3 + 1, 45 * 3):  # a sentence inside a paragraph, then a paragraph's last
        edited = list(parts)
        edited[where] = part(
            edited[where].text + " Their families were not told.", parts[where].pause_after
        )
        after = keys(edited)
        changed = set(after) - set(before)
        assert 1 <= len(changed) <= 2, (where, len(changed))
        assert len(set(before) - set(after)) <= 2
        # The blocks before and after the edit are the very same blocks.
        first = min(after.index(k) for k in changed)
        assert after[:first] == before[:first]
        assert after[-3:] == before[-3:]


def test_a_paragraph_added_at_the_top_leaves_the_rest_of_the_episode_alone() -> None:
    parts = article(60)
    added = article(1, start=777) + parts
    kept = set(keys(added)) & set(keys(parts))
    assert len(kept) >= len(set(keys(parts))) - 2


def test_keys_follow_the_audio_settings_and_the_pauses() -> None:
    parts = article(10)
    assert keys(parts) == keys(list(parts))
    louder = [b.key for b in plan_blocks(parts, AudioSettings(loudness=-14.0))]
    assert not set(louder) & set(keys(parts))
    longer = list(parts)
    longer[1] = Part(parts[1].wav, "narrator", parts[1].text, 500)
    assert keys(longer)[0] != keys(parts)[0]
