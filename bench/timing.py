"""One piece of work timed as the benchmarks report it: run several times, the median run with the spread (fastest to
slowest), since a single run is as likely to catch a checkpoint, a cold cache or another process as the work itself."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")
REPEAT = 5  # runs of each timing unless a benchmark's --repeat says otherwise


@dataclass(frozen=True)
class Timing(Generic[T]):
    seconds: tuple[float, ...]  # each run's, in the order they ran
    result: T  # what the median run returned

    @property
    def median(self) -> float:
        """The median run's seconds (the lower of the middle two for an even number of runs: a real run)."""
        return sorted(self.seconds)[(len(self.seconds) - 1) // 2]

    @property
    def fastest(self) -> float:
        return min(self.seconds)

    @property
    def slowest(self) -> float:
        return max(self.seconds)

    def __str__(self) -> str:
        """The median and the spread: "0.42 s (0.40–0.47 s of 5)"; in milliseconds below a second, "87 ms (80–95 ms
        of 5)"."""
        scale, unit, places = (1000, "ms", 0) if self.slowest < 1 else (1, "s", 2)
        median, fastest, slowest = (seconds * scale for seconds in (self.median, self.fastest, self.slowest))
        return f"{median:.{places}f} {unit} ({fastest:.{places}f}–{slowest:.{places}f} {unit} of {len(self.seconds)})"


def timed(run: Callable[[], T], repeat: int = REPEAT, *, prepare: Callable[[], object] | None = None) -> Timing[T]:
    """Run ``run`` ``repeat`` times (at least once) and time each run; ``prepare``, when given, runs untimed before
    each run, to put back what the run before changed so that each does the same work."""
    runs = []
    for _ in range(max(repeat, 1)):
        if prepare is not None:
            prepare()
        began = time.perf_counter()
        result = run()
        runs.append((time.perf_counter() - began, result))
    median = sorted(range(len(runs)), key=lambda n: runs[n][0])[(len(runs) - 1) // 2]
    return Timing(tuple(seconds for seconds, _ in runs), runs[median][1])
