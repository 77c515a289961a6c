"""An episode's loudness from its blocks' meter readings, with no pass over the episode.

EBU R128 (ITU-R BS.1770) integrated loudness is the gated mean energy of 400 ms windows
taken every 100 ms: exactly the momentary readings ffmpeg's ebur128 logs. Gathered from
every block, they give the episode's integrated loudness; the windows that would straddle a
join fall in its silence, which the gate drops anyway. The loudness range (EBU Tech 3342)
comes the same way from the 3 s short-term readings.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

ABSOLUTE_GATE = -70.0  # LUFS
RELATIVE_GATE = -10.0  # LU below the absolute-gated mean: integrated loudness
RANGE_GATE = -20.0  # LU below it: loudness range


def integrated(momentary: Sequence[float]) -> float:
    """Integrated loudness (LUFS) of the 400 ms windows' loudness; -70 when all are silent."""
    gated = _gate(momentary, RELATIVE_GATE)
    return _loudness(_mean_energy(gated)) if gated else ABSOLUTE_GATE


def loudness_range(short_term: Sequence[float]) -> float:
    """The spread (LU) between the 10th and 95th percentiles of the gated 3 s windows."""
    gated = sorted(_gate(short_term, RANGE_GATE))
    if len(gated) < 2:
        return 0.0
    return _percentile(gated, 0.95) - _percentile(gated, 0.10)


def _gate(readings: Sequence[float], relative: float) -> list[float]:
    loud = [r for r in readings if r > ABSOLUTE_GATE]
    if not loud:
        return []
    threshold = _loudness(_mean_energy(loud)) + relative
    return [r for r in loud if r > threshold]


def _mean_energy(readings: Sequence[float]) -> float:
    return sum(10 ** ((r + 0.691) / 10) for r in readings) / len(readings)


def _loudness(energy: float) -> float:
    return -0.691 + 10 * math.log10(energy)


def _percentile(ordered: Sequence[float], share: float) -> float:
    """Linear interpolation between the nearest ranks, as ffmpeg's ebur128 does not quite:
    the difference is below 0.1 LU on speech."""
    position = share * (len(ordered) - 1)
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)
