"""Journey files written in tests, line by line, as police and CPS systems send them (INTERCHANGE.md)."""

from __future__ import annotations

import json
from typing import Any


def line(event: str, **fields: Any) -> bytes:
    return json.dumps({"event": event, **fields}).encode()


def reported(urn: str, on: str, *, force: str = "West Yorkshire Police", area: str = "Yorkshire and Humberside",
             offences: tuple[str, ...] = ("rape",), flags: tuple[str, ...] = ()) -> bytes:  # fmt: skip
    return line("case_reported", urn=urn, date=on, police_force=force, cps_area=area, offences=list(offences),
                flags=list(flags))  # fmt: skip


def jsonl(lines: list[bytes]) -> bytes:
    return b"\n".join(lines) + b"\n"
