"""The Dockerfile read the way Docker reads it, for the checks that run where there is no Docker: its instructions
(continuation lines joined), what the final stage copies and where, and the same file set built in a folder, with
.dockerignore applied as the build context would apply it."""

import re
import shutil
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Instruction:
    keyword: str
    arguments: str


@dataclass(frozen=True)
class Copy:
    sources: list[str]
    destination: str  # relative to the stage's working directory, without "./"
    stage: str | None  # --from=, or None for the build context


def instructions(text: str) -> list[Instruction]:
    """Every instruction in order, its continuation lines joined; comments (and parser directives) left out."""
    found, pending = [], ""
    for line in text.splitlines():
        if not pending and (not line.strip() or line.lstrip().startswith("#")):
            continue
        if line.rstrip().endswith("\\"):
            pending += line.rstrip()[:-1] + " "
            continue
        keyword, _, arguments = (pending + line).strip().partition(" ")
        found.append(Instruction(keyword.upper(), arguments.strip()))
        pending = ""
    return found


def stages(text: str) -> dict[str, list[Instruction]]:
    """Each stage's instructions by its name (the last one, unnamed or not, is "final")."""
    named: dict[str, list[Instruction]] = {}
    current: list[Instruction] = []
    for instruction in instructions(text):
        if instruction.keyword == "FROM":
            current = []
            name = instruction.arguments.split(" AS ")[-1] if " AS " in instruction.arguments else ""
            named[name or f"stage-{len(named)}"] = current
        current.append(instruction)
    named["final"] = current
    return named


def workdir(stage: list[Instruction]) -> PurePosixPath:
    [*_, last] = [PurePosixPath(i.arguments) for i in stage if i.keyword == "WORKDIR"]
    return last


def copies(stage: list[Instruction]) -> list[Copy]:
    found = []
    for instruction in stage:
        if instruction.keyword != "COPY":
            continue
        words = instruction.arguments.split()
        options = [word for word in words if word.startswith("--")]
        *sources, destination = [word for word in words if not word.startswith("--")]
        source_stage = next((option.split("=", 1)[1] for option in options if option.startswith("--from=")), None)
        found.append(Copy(sources, str(PurePosixPath(destination)).removeprefix("./"), source_stage))
    return found


def shipped(text: str) -> set[str]:
    """The paths below the final stage's working directory that its COPY instructions fill."""
    names = set()
    for copy in copies(stages(text)["final"]):
        if copy.destination in {"", "."} or copy.destination.endswith("/"):
            names |= {str(PurePosixPath(copy.destination) / PurePosixPath(source).name) for source in copy.sources}
        else:
            names.add(copy.destination)
    return names


def _pattern(pattern: str) -> re.Pattern[str]:
    """A .dockerignore pattern as a regular expression over paths relative to the context (** any folders)."""
    if pattern.startswith("!"):
        raise ValueError(f"exceptions in .dockerignore are not read here: {pattern}")
    parts = re.split(r"(\*\*/|\*|\?)", pattern.strip("/"))
    wildcards = {"**/": "(?:.*/)?", "*": "[^/]*", "?": "[^/]"}
    return re.compile("".join(wildcards.get(part, re.escape(part)) for part in parts))


def ignored_by_context() -> list[re.Pattern[str]]:
    lines = (ROOT / ".dockerignore").read_text().splitlines()
    return [_pattern(line.strip()) for line in lines if line.strip() and not line.startswith("#")]


def is_ignored(relative: PurePosixPath, patterns: list[re.Pattern[str]]) -> bool:
    """Docker leaves a path out of the context when it, or a folder it is in, matches a pattern."""
    candidates = [relative, *relative.parents[:-1]]
    return any(pattern.fullmatch(str(path)) for pattern in patterns for path in candidates)


def _copy(source: Path, target: Path, context: Path, patterns: list[re.Pattern[str]]) -> None:
    paths = [source, *sorted(source.rglob("*"))] if source.is_dir() else [source]
    for path in paths:
        relative = PurePosixPath(path.relative_to(context).as_posix())
        if is_ignored(relative, patterns) or path.is_dir():
            continue
        destination = target / path.relative_to(source) if source.is_dir() else target
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, destination)


def build_file_set(text: str, into: Path) -> Path:
    """Copy what the final stage's COPY instructions copy into `into`, as the image's working directory, and return
    it. Another stage's output is taken from where the same build leaves it on this machine (`make assets` builds
    static/dist as the assets stage does)."""
    every_stage = stages(text)
    patterns = ignored_by_context()
    for copy in copies(every_stage["final"]):
        for source in copy.sources:
            if copy.stage is None:
                origin, context, leave_out = ROOT / source, ROOT, patterns
            else:
                origin = ROOT / PurePosixPath(source).relative_to(workdir(every_stage[copy.stage]))
                context, leave_out = origin, []
                assert origin.exists(), f"{origin} is missing: `make assets` builds it as the {copy.stage} stage does"
            into_folder = copy.destination in {"", "."} or copy.destination.endswith("/")
            target = into / copy.destination / origin.name if into_folder else into / copy.destination
            _copy(origin, target, context, leave_out)
    return into
