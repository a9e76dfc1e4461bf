"""The figures of one load run, from every request the load generator kept (bench/locustfile.py): for each page its
requests, size and latency percentiles against the floor measured in the same run, and where its time went.

Percentiles are by nearest rank, so each is a real request's time: the p95 of 57 requests is the 55th fastest, the
third-slowest, and a table says so wherever fewer than 100 requests lie behind a p95. Where the time goes comes from
each response's Server-Timing header (bench.server_timing): Python is Django's time less its queries' (CPU: the part of
it the worker spent on a core; the rest it waited for one), and the wait is the time the user waited less Django's
time: queueing for a gunicorn worker, with the loopback network and the load generator's own share. Each part's
median and p95 are of that part alone, so they do not add up to the page's."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from statistics import median

FLOOR = "floor: a view that does nothing"
BUDGET_MS = 300  # the target for each page's p95
FEW = 100  # fewer requests than this, and a p95 is one of the few slowest
ORDINALS = ["slowest", "second-slowest", "third-slowest", "fourth-slowest", "fifth-slowest"]
PAGES = "{:<32} {:>8} {:>5} {:>6} {:>6} {:>7} {:>7} {:>7} {:>7} {:>7}  {}"
PARTS = "{:<32} {:>7} {:>7} {:>7} {:>7} {:>8} {:>7} {:>7} {:>7}"


@dataclass(frozen=True)
class Sample:
    """One request as the load generator kept it."""

    name: str
    ms: float
    size: int
    ok: bool
    app: float | None  # the server's milliseconds, from Server-Timing
    db: float | None
    cpu: float | None  # the worker's CPU time: the rest of Python's was spent waiting for a core
    queries: float | None


def samples(rows: Iterable[list[object]]) -> list[Sample]:
    return [Sample(*row) for row in rows]  # type: ignore[arg-type]


def percentile(values: list[float], fraction: float) -> float:
    """The nearest-rank percentile: the smallest value at least ``fraction`` of the values are at or below."""
    ordered = sorted(values)
    return ordered[max(math.ceil(fraction * len(ordered)), 1) - 1]


def _rank_from_top(count: int, fraction: float) -> str:
    place = count - max(math.ceil(fraction * count), 1)
    return ORDINALS[place] if place < len(ORDINALS) else f"{place + 1}th-slowest"


def _few(count: int) -> str:
    """What a p95 of fewer than ``FEW`` requests is: "p95 of 57 requests: third-slowest"."""
    if count == 1:
        return "p95 of 1 request: the only one"
    return f"p95 of {count} requests: {_rank_from_top(count, 0.95)}"


def _by_page(kept: list[Sample]) -> dict[str, list[Sample]]:
    pages: dict[str, list[Sample]] = defaultdict(list)
    for sample in kept:
        pages[sample.name].append(sample)
    return dict(sorted(pages.items()))


def pages_table(kept: list[Sample], seconds: float) -> tuple[list[str], list[str]]:
    """The table of pages, and the pages whose p95 is over the budget."""
    pages = _by_page(kept)
    floor = [sample.ms for sample in pages.get(FLOOR, [])] or [1.0]
    floor50, floor95 = percentile(floor, 0.5), percentile(floor, 0.95)
    lines = [PAGES.format("page", "requests", "fails", "req/s", "KB p50", "p50 ms", "p95 ms", "p99 ms", "p50/fl",
                          "p95/fl", "")]  # fmt: skip
    slow = []
    for name, page in pages.items():
        times = [sample.ms for sample in page]
        p50, p95, p99 = (percentile(times, fraction) for fraction in (0.5, 0.95, 0.99))
        note = _few(len(times)) if len(times) < FEW else ""
        lines.append(
            PAGES.format(name[:32], len(times), sum(not sample.ok for sample in page), f"{len(times) / seconds:.1f}",
                         f"{median(sample.size for sample in page) / 1024:.1f}", f"{p50:.0f}", f"{p95:.0f}",
                         f"{p99:.0f}", f"{p50 / max(floor50, 1):.1f}", f"{p95 / max(floor95, 1):.1f}", note)
        )  # fmt: skip
        if p95 > BUDGET_MS:
            slow.append(f"{name} ({p95:.0f} ms)")
    return lines, slow


def parts_table(kept: list[Sample]) -> list[str]:
    """Where each page's time goes: queries run, Python (median, p95, and the median's CPU), the database and the wait
    outside Django (median, p95)."""
    lines = [PARTS.format("where the time goes (ms)", "queries", "Python", "p95", "CPU", "database", "p95", "wait",
                          "p95")]  # fmt: skip
    for name, page in _by_page(kept).items():
        timed = [
            (s.ms, s.app, s.db, s.cpu or 0, s.queries or 0) for s in page if s.app is not None and s.db is not None
        ]
        if not timed:
            lines.append(f"{name[:32]:<32} no Server-Timing header")
            continue
        python = [app - db for _, app, db, _, _ in timed]
        database = [db for _, _, db, _, _ in timed]
        wait = [max(ms - app, 0.0) for ms, app, _, _, _ in timed]
        cpu = percentile([cpu for *_, cpu, _ in timed], 0.5)
        figures = [
            f"{percentile(part, fraction):.0f}" for part in (python, database, wait) for fraction in (0.5, 0.95)
        ]
        queries = median(queries for *_, queries in timed)
        lines.append(PARTS.format(name[:32], f"{queries:.0f}", *figures[:2], f"{cpu:.0f}", *figures[2:]))
    return lines
