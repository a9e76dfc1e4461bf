"""``__in`` on integer columns, bounded: a value the column cannot hold matches nothing, as Django's own exact and
comparison lookups on integers already treat it (``IntegerFieldOverflow``). Without this, SQLite cannot bind the
value (OverflowError, a 500): a form's list of ids typed as 99999999999999999999, say. Registered by
``web.apps.WebConfig``."""

from __future__ import annotations

from typing import Any

from django.db.models import IntegerField
from django.db.models.lookups import In


@IntegerField.register_lookup
class IntegerFieldIn(In):
    def process_rhs(self, compiler: Any, connection: Any) -> Any:
        if self.rhs_is_direct_value():
            try:
                low, high = connection.ops.integer_field_range(self.lhs.output_field.get_internal_type())
            except KeyError:  # a column type the backend gives no range for: left as it is
                low = high = None
            self.rhs = [value for value in self.rhs if not _outside(value, low, high)]
        return super().process_rhs(compiler, connection)


def _outside(value: Any, low: int | None, high: int | None) -> bool:
    if not isinstance(value, int):
        return False
    return (low is not None and value < low) or (high is not None and value > high)
