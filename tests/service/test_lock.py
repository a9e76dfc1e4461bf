"""The dependency lock (requirements/, written from pyproject.toml by `make lock` with uv): every package pinned in
pyproject.toml is locked at the same version, so the lock cannot drift from it; every locked package carries its
hashes, so `pip install --require-hashes` installs exactly what was locked; and the runtime, test and bench locks agree
on every package they share, so installing one over another changes nothing already there."""

import re
import tomllib

from tests.service.dockerfile import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
LOCKS = {name: (ROOT / "requirements" / f"{name}.txt").read_text() for name in ("runtime", "test", "bench")}


def _name(requirement: str) -> str:
    return re.sub(r"[-_.]+", "-", re.split(r"[\[=<>~!; ]", requirement, maxsplit=1)[0]).lower()


def _requirements(lock: str) -> list[str]:
    """Each requirement with its continuation lines (its hashes) joined."""
    return [block for block in lock.replace("\\\n", " ").splitlines() if block and not block.startswith(("#", " "))]


def _pins(lock: str) -> dict[str, str]:
    return {_name(block): re.search(r"==(\S+)", block)[1] for block in _requirements(lock)}  # type: ignore[index]


def _pinned(requirements: list[str]) -> dict[str, str]:
    return {_name(requirement): requirement.split("==")[1] for requirement in requirements}


def test_every_package_pinned_in_pyproject_is_locked_at_that_version() -> None:
    wanted = {
        "runtime": _pinned(PYPROJECT["dependencies"]),
        "test": _pinned(PYPROJECT["dependencies"] + PYPROJECT["optional-dependencies"]["test"]),
        "bench": _pinned(PYPROJECT["dependencies"] + PYPROJECT["optional-dependencies"]["bench"]),
    }
    for lock, pins in wanted.items():
        locked = _pins(LOCKS[lock])
        drifted = {name: (version, locked.get(name)) for name, version in pins.items() if locked.get(name) != version}
        assert not drifted, f"requirements/{lock}.txt is out of date (run `make lock`): {drifted}"


def test_every_locked_package_carries_its_hashes() -> None:
    for lock, text in LOCKS.items():
        requirements = _requirements(text)
        assert len(requirements) > len(PYPROJECT["dependencies"])
        unhashed = [block.split()[0] for block in requirements if "--hash=sha256:" not in block]
        assert not unhashed, f"requirements/{lock}.txt: {unhashed}"
        assert "make lock" in text.splitlines()[1], "written by `make lock`"


def test_the_locks_agree_on_every_package_they_share() -> None:
    runtime, test, bench = (_pins(LOCKS[name]) for name in ("runtime", "test", "bench"))
    assert runtime.items() <= test.items()
    assert runtime.items() <= bench.items()
    assert {name: version for name, version in bench.items() if name in test} == {
        name: test[name] for name in bench if name in test
    }
    assert "duckdb" in bench
    assert "duckdb" not in test
    assert "pytest" not in runtime
