"""The production image, checked without Docker (none runs here): the Dockerfile copies every package the project
installs, and its collectstatic step runs with only the environment the Dockerfile gives it."""

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = (ROOT / "Dockerfile").read_text()


def test_the_image_copies_every_package_the_project_installs() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    packages = [name.rstrip("*") for name in pyproject["tool"]["setuptools"]["packages"]["find"]["include"]]
    missing = [name for name in packages if f"COPY {name} ./{name}\n" not in DOCKERFILE]
    assert not missing, f"the image would not start without {missing}"


def _collectstatic_step() -> str:
    """The Dockerfile's collectstatic command, continuation lines joined, without what follows it."""
    joined = DOCKERFILE.replace("\\\n", " ")
    [command] = [
        line.removeprefix("RUN ") for line in joined.splitlines() if "collectstatic" in line and "RUN" in line
    ]
    return command.split("&&")[0]


def test_collectstatic_runs_with_only_what_the_image_gives_it(tmp_path: Path) -> None:
    [env_line] = [line for line in DOCKERFILE.splitlines() if line.startswith("ENV ") and "RASSO_ENVIRONMENT" in line]
    image_env = dict(re.findall(r"(\w+)=(\S+)", env_line))
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"  # "python" is this interpreter
    env = {"PATH": path, "HOME": str(tmp_path), **image_env, "RASSO_VAR_DIR": str(tmp_path / "var")}
    result = subprocess.run(  # noqa: S603 - the project's own Dockerfile step, on this machine
        ["/bin/bash", "-c", _collectstatic_step()],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert (tmp_path / "var" / "staticfiles" / "staticfiles.json").exists()
