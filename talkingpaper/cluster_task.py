"""What a cluster's worker runs: one segment spoken, its WAV returned as bytes.

Workers share no file system with the build: each speaks into a temporary folder of its
own and hands back the audio, and the build writes it into its cache. Imported by the
workers, so it imports nothing that needs a build's machine (no ffmpeg, no show).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from talkingpaper.code_identity import code_identity
from talkingpaper.synthesis import Job, speak_into
from tts.errors import TTSError


def _address() -> str:
    from distributed import get_worker

    try:
        return str(get_worker().address)
    except ValueError:  # not in a worker: called directly (a test, or client.run)
        return "this process"


def worker_identity() -> str:
    """The code this worker runs (compared with the build's on connecting)."""
    return code_identity()


def speak_bytes(job: Job) -> tuple[str, str, bytes]:
    """(code identity, worker address, WAV bytes) of `job`. An engine's error names the
    worker, as the fix (install the engine) is to be made on that machine."""
    address = _address()
    try:
        with tempfile.TemporaryDirectory(prefix=".talkingpaper-", suffix=".tmp") as folder:
            wav = Path(folder) / "segment.wav"
            speak_into(job, wav)
            return code_identity(), address, wav.read_bytes()
    except TTSError as exc:
        exc.args = (f"on worker {address}: {exc}",)
        raise
