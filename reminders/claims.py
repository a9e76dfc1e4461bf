"""The one claim-and-deliver loop for every stored row that falls due (reminders, review points). The e-mail outbox
claims one message at a time instead (``reminders.outbox``): its delivery leaves the database, so it cannot be part
of the transaction that claims it.

Due rows are claimed in batches with SELECT … FOR UPDATE SKIP LOCKED (on PostgreSQL) and each batch is delivered and
stamped in the transaction that claimed it: several sweepers never deliver a row twice, and one that dies mid-batch
leaves its rows for the next sweep.
"""

from collections.abc import Callable
from typing import TypeVar

from django.db import models, transaction
from django.db.models import QuerySet

BATCH_SIZE = 500

Row = TypeVar("Row", bound=models.Model)


def claim_and_deliver(due: QuerySet[Row], deliver: Callable[[list[Row]], int], *, batch_size: int = BATCH_SIZE) -> int:
    """Claim ``due`` (ordered, and filtered to what is still to deliver) a batch at a time and hand each batch to
    ``deliver``, which delivers it, marks what it delivered so that it is no longer due, and returns how many.

    A batch not wholly delivered ends the sweep: what is left of it stays due and waits for the next sweep, rather than
    being claimed again at once. Returns how many rows were delivered."""
    delivered = 0
    while True:
        with transaction.atomic():
            batch = list(due.select_for_update(skip_locked=True, of=("self",))[:batch_size])
            if not batch:
                return delivered
            done = deliver(batch)
        delivered += done
        if done < len(batch):
            return delivered
