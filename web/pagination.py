"""Pagination that never counts more than it must: a list over an Area's or the nation's cases counts at most
``COUNT_LIMIT`` rows and says "more than" beyond that, for pages and the API alike."""

from __future__ import annotations

from functools import cached_property
from typing import Any, cast

from django.core.paginator import Paginator
from django.db.models import QuerySet
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

COUNT_LIMIT = 1000


class BoundedPaginator(Paginator):
    """Counts up to ``COUNT_LIMIT`` + 1 rows: enough to number the pages people page through, and to know there are
    more. Nobody pages past the thousandth case; they filter or sort instead."""

    @cached_property
    def count(self) -> int:
        return len(self.object_list) if isinstance(self.object_list, list) else self._bounded_count()

    def _bounded_count(self) -> int:
        # Unordered: any thousand rows will do for counting, which lets the planner stop at the thousand-and-first;
        # and only their keys, so that what a list works out for each row it shows is not worked out for a thousand.
        return cast(QuerySet[Any], self.object_list).order_by().values("pk")[: COUNT_LIMIT + 1].count()

    @property
    def more(self) -> bool:
        """Whether there are more rows than were counted."""
        return self.count > COUNT_LIMIT

    @property
    def shown_count(self) -> int:
        return min(self.count, COUNT_LIMIT)


class BoundedPagination(PageNumberPagination):
    """REST framework's page-number pagination with the bounded count: ``count`` is exact up to ``COUNT_LIMIT``;
    ``more`` says whether there are more rows than that."""

    django_paginator_class = BoundedPaginator

    def get_paginated_response(self, data: Any) -> Response:
        paginator: BoundedPaginator = self.page.paginator  # type: ignore[assignment,union-attr]
        return Response(
            {
                "count": paginator.shown_count,
                "more": paginator.more,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        paginated = super().get_paginated_response_schema(schema)
        paginated["properties"]["count"]["description"] = f"Exact up to {COUNT_LIMIT}; see more."
        paginated["properties"]["more"] = {"type": "boolean", "description": f"More than {COUNT_LIMIT} results."}
        paginated["required"] = [*paginated.get("required", []), "more"]
        return paginated
