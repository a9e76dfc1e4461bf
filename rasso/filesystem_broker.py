"""kombu's filesystem transport (the broker of a one-machine service: web, worker and beat without Redis), with each
message written whole before a reader can see it.

kombu's own ``_put`` creates the message file under its final name and then writes it; a worker listing the folder in
between takes the empty file, fails to decode it and stops ("JSONDecodeError": the suite saw it three times, a task's
message and another worker's broadcast alike). Here the message is written under a name no reader takes (no
``.msg``) and renamed into place, which POSIX makes atomic within a folder. Chosen by CELERY_BROKER_TRANSPORT."""

from __future__ import annotations

import os
import uuid
from time import monotonic
from typing import Any

from kombu.exceptions import ChannelError
from kombu.transport import filesystem
from kombu.utils.encoding import str_to_bytes
from kombu.utils.json import dumps


class Channel(filesystem.Channel):
    # kombu's filesystem channel's signature, which differs from its base class's
    def _put(self, queue: str, payload: dict[str, Any], **kwargs: Any) -> None:  # type: ignore[override]
        """Put the message onto ``queue``, whole: written under a name readers pass over, then renamed to kombu's."""
        name = f"{round(monotonic() * 1000)}_{uuid.uuid4()}.{queue}.msg"  # kombu's: readers take them in this order
        writing = os.path.join(self.data_folder_out, f"writing-{uuid.uuid4()}")
        try:
            with open(writing, "wb") as written:
                written.write(str_to_bytes(dumps(payload)))
            os.replace(writing, os.path.join(self.data_folder_out, name))
        except OSError as exc:
            raise ChannelError(f"Cannot add file {name!r} to directory") from exc


class Transport(filesystem.Transport):
    Channel = Channel
