"""The production Dockerfile, read without Docker (none runs here): it copies every package and template folder the
service needs, hadolint passes it, its base images are exact versions still supported, it runs as a numeric user and
caches the locked dependencies apart from the code. tests/service/test_image.py runs what it builds."""

import re
import subprocess
import sys
from datetime import date
from pathlib import Path, PurePosixPath
from typing import cast

from django.conf import settings

from tests.service.dockerfile import ROOT, ignored_by_context, instructions, is_ignored, shipped, stages

DOCKERFILE = (ROOT / "Dockerfile").read_text()
# When each base image's release line stops getting security fixes (endoflife.date; the projects' own schedules).
END_OF_LIFE = {"node": {22: date(2027, 4, 30), 24: date(2028, 4, 30)}, "python": {11: date(2027, 10, 31)}}


def needed_in_the_image() -> set[str]:
    """What the service cannot run without, from the settings and the tree rather than a list kept by hand: our
    INSTALLED_APPS, the template, static and translation (LOCALE_PATHS) folders, and every top-level package not
    deliberately left out of the build context (.dockerignore: the tests and benchmarks)."""
    ours = {name.split(".")[0] for name in settings.INSTALLED_APPS if (ROOT / name.split(".")[0]).is_dir()}
    templates = [folder for engine in settings.TEMPLATES for folder in cast(list[Path], engine["DIRS"])]
    folders = [*templates, *settings.STATICFILES_DIRS, *settings.LOCALE_PATHS]
    left_out = ignored_by_context()
    packages = {
        path.name
        for path in ROOT.iterdir()
        if (path / "__init__.py").exists() and not is_ignored(PurePosixPath(path.name), left_out)
    }
    return ours | {Path(folder).relative_to(ROOT).as_posix() for folder in folders} | packages | {"manage.py"}


def not_copied(dockerfile: str) -> set[str]:
    return needed_in_the_image() - shipped(dockerfile)


def test_the_image_copies_every_app_package_and_template_folder() -> None:
    assert {"audit", "operations", "templates", "rasso", "deadlines", "portal", "locale"} <= needed_in_the_image()
    assert not not_copied(DOCKERFILE), f"the image would not start without {sorted(not_copied(DOCKERFILE))}"


def test_the_check_notices_an_app_or_template_folder_left_out() -> None:
    for left_out in ("audit", "templates", "locale"):
        dockerfile = re.sub(rf"^COPY {left_out} \./{left_out}\n", "", DOCKERFILE, flags=re.MULTILINE)
        assert dockerfile != DOCKERFILE
        assert not_copied(dockerfile) == {left_out}


def test_hadolint_passes_with_every_ignored_rule_justified() -> None:
    hadolint = Path(sys.executable).parent / "hadolint"
    result = subprocess.run(  # noqa: S603 - the linter from the test dependencies, on our own Dockerfile
        [str(hadolint), "--no-color", "--failure-threshold", "style", "Dockerfile"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = DOCKERFILE.splitlines()
    for number, line in enumerate(lines):
        if "hadolint ignore=" in line:
            above = lines[:number]
            while above and above[-1].startswith("#"):
                above.pop()
            reason = " ".join(lines[len(above) : number])
            for rule in line.split("=", 1)[1].split(","):
                assert rule.strip() in reason, f"say why {rule.strip()} is ignored, above line {number + 1}"


def test_base_images_are_exact_versions_of_supported_releases() -> None:
    images = [i.arguments.split()[0] for i in instructions(DOCKERFILE) if i.keyword == "FROM"]
    assert images, "no FROM"
    for image in images:
        name, _, tag = image.partition(":")
        match = re.fullmatch(r"(\d+)\.(\d+)\.(\d+)-[a-z-]+", tag)
        assert match, f"{image}: pin an exact version (x.y.z-variant)"
        line = int(match[1]) if name == "node" else int(match[2])
        assert line in END_OF_LIFE[name], f"{image}: not a long-term supported release line"
        assert date.today() < END_OF_LIFE[name][line], f"{image}: its release line is past its end of life"


def test_the_image_runs_as_a_numeric_user_and_serves_the_web_command() -> None:
    final = stages(DOCKERFILE)["final"]
    [user] = [i.arguments for i in final if i.keyword == "USER"]
    assert re.fullmatch(r"[1-9]\d{3,}:[1-9]\d{3,}", user), "a numeric UID:GID, so Kubernetes can prove it is not root"
    assert final[-1].keyword == "CMD"
    assert final[-1].arguments == '["gunicorn", "rasso.wsgi", "--config", "rasso/gunicorn.py"]'


def test_locked_dependencies_are_installed_before_the_code_is_copied() -> None:
    final = stages(DOCKERFILE)["final"]
    [install] = [n for n, i in enumerate(final) if i.keyword == "RUN" and "pip install" in i.arguments]
    assert "--require-hashes -r requirements/runtime.txt" in final[install].arguments
    copied_before = [i.arguments for i in final[:install] if i.keyword == "COPY"]
    assert copied_before == ["requirements/runtime.txt ./requirements/runtime.txt"], "only the lock, for the cache"
    [assets_install] = [i.arguments for i in stages(DOCKERFILE)["assets"] if "npm " in i.arguments][:1]
    assert assets_install.startswith("npm ci --omit=dev"), "the test-only npm packages stay out of the build"
