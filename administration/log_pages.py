"""Paging through a log of millions of entries: by the entries' keys (keyset pagination), latest first, so that any
page costs what the first does. A page links to the older entries (``?before=`` its last key) and the newer ones
(``?after=`` its first key); there are no page numbers, which would need the log counted and read from the start.
The count shown is web.pagination's bounded one (its paginator, used for the count alone): exact up to a thousand,
"more than" beyond."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import QueryDict

from web.pagination import BoundedPaginator

ENTRIES_PER_PAGE = 50


@dataclass(frozen=True)
class LogPage:
    entries: list[Any]
    paginator: BoundedPaginator  # counts the entries the filters keep (paginator.count, .more, .shown_count)
    newer: int | None  # the key to show the entries after, if there are newer ones
    older: int | None  # the key to show the entries before, if there are older ones


KEY_DIGITS = 18  # a key the database's 64-bit integers hold


def _key(typed: str | None) -> int | None:
    return int(typed) if typed and typed.isdigit() and len(typed) <= KEY_DIGITS else None


def log_page(entries: QuerySet[Any], query: QueryDict) -> LogPage:
    """The page of ``entries`` the address asks for: the latest, or those before or after a key. The log's keys
    grow in the order its entries are written, so the primary key's index gives "latest first" at any size."""
    counted = BoundedPaginator(entries.order_by("-pk"), ENTRIES_PER_PAGE)  # ordered, as a paginator asks
    after, before = _key(query.get("after")), _key(query.get("before"))
    if after is not None:
        rows = list(entries.filter(pk__gt=after).order_by("pk")[: ENTRIES_PER_PAGE + 1])
        more_newer = len(rows) > ENTRIES_PER_PAGE
        rows = rows[:ENTRIES_PER_PAGE][::-1]
        return LogPage(rows, counted, newer=rows[0].pk if more_newer else None, older=rows[-1].pk if rows else None)
    if before is not None:
        entries = entries.filter(pk__lt=before)
    rows = list(entries.order_by("-pk")[: ENTRIES_PER_PAGE + 1])
    more_older = len(rows) > ENTRIES_PER_PAGE
    rows = rows[:ENTRIES_PER_PAGE]
    newer = rows[0].pk if before is not None and rows else None
    return LogPage(rows, counted, newer=newer, older=rows[-1].pk if more_older else None)
