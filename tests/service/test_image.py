"""What the Dockerfile builds, built without Docker: the files its COPY instructions copy, in a folder of their own,
and its build step (the deployment checks and collectstatic) run there with only the Dockerfile's ENV and the step's
own throwaway keys; then the image's web command serves from that folder. Python runs without its site hook and so
without this checkout's editable install: a package the Dockerfile forgets cannot be imported from here instead."""

import os
import re
import secrets
import subprocess
import sys
import sysconfig
import urllib.request
from pathlib import Path

import pytest

from tests.service.dockerfile import ROOT, build_file_set, stages

DOCKERFILE = (ROOT / "Dockerfile").read_text()


def _image_environment(tmp: Path) -> dict[str, str]:
    """The final stage's ENV, with the var folder moved into the test's own, and a `python` that imports only from
    the working directory and the installed dependencies."""
    final = stages(DOCKERFILE)["final"]
    image_env = {k: v for i in final if i.keyword == "ENV" for k, v in re.findall(r"(\w+)=(\S+)", i.arguments)}
    shims = tmp / "bin"
    shims.mkdir()
    (shims / "python").write_text(f'#!/bin/sh\nexec "{sys.executable}" -S "$@"\n')
    (shims / "python").chmod(0o755)
    dependencies = os.pathsep.join(dict.fromkeys([sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]]))
    return {
        **image_env,
        "PATH": f"{shims}{os.pathsep}/usr/bin:/bin",
        "PYTHONPATH": dependencies,
        "HOME": str(tmp),
        "RASSO_VAR_DIR": str(tmp / "var"),
    }


def _build_step() -> str:
    final = stages(DOCKERFILE)["final"]
    [step] = [i.arguments for i in final if i.keyword == "RUN" and "collectstatic" in i.arguments]
    return step


def _run_build_step(dockerfile: str, tmp: Path) -> tuple[subprocess.CompletedProcess[str], dict[str, str]]:
    app = build_file_set(dockerfile, tmp / "app")
    env = _image_environment(tmp)
    result = subprocess.run(  # noqa: S603 - the Dockerfile's own build step, in a folder of its files
        ["/bin/bash", "-c", _build_step()],
        cwd=app,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    return result, env


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    tmp = tmp_path_factory.mktemp("image")
    result, env = _run_build_step(DOCKERFILE, tmp)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    return tmp, env


def test_the_build_step_passes_the_deployment_checks_and_collects_static_files(
    built: tuple[Path, dict[str, str]],
) -> None:
    tmp, _ = built
    assert "--deploy --fail-level WARNING" in _build_step()
    assert (tmp / "var" / "staticfiles" / "staticfiles.json").exists()


def test_a_package_the_dockerfile_leaves_out_fails_the_build(tmp_path: Path) -> None:
    dockerfile = DOCKERFILE.replace("COPY audit ./audit\n", "")
    assert dockerfile != DOCKERFILE
    result, _ = _run_build_step(dockerfile, tmp_path)
    assert result.returncode != 0
    assert "No module named 'audit'" in result.stderr


def test_the_image_web_command_serves_from_the_built_files(built: tuple[Path, dict[str, str]]) -> None:
    tmp, env = built
    command = re.findall(r'"([^"]+)"', stages(DOCKERFILE)["final"][-1].arguments)
    assert command[0] == "gunicorn"
    run_env = {
        **env,
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(48),
        "COMPLAINANT_IDENTITY_KEYS": secrets.token_urlsafe(32),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "WEB_CONCURRENCY": "1",
    }
    # The image's command, on a free loopback port instead of 0.0.0.0:8000 (a later --bind wins).
    server = subprocess.Popen(  # noqa: S603 - the image's own command
        [str(tmp / "bin" / "python"), "-m", *command, "--bind", "127.0.0.1:0"],
        cwd=tmp / "app",
        env=run_env,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stderr is not None
        port = None
        for line in server.stderr:
            if found := re.search(r"Listening at: http://127\.0\.0\.1:(\d+)", line):
                port = found[1]
            if "Booting worker" in line:
                break
        assert port, "gunicorn did not start"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=10) as response:
            assert response.status == 200
        manifest = (tmp / "var" / "staticfiles" / "staticfiles.json").read_text()
        [stylesheet] = re.findall(r'"(css/[^"]+\.[0-9a-f]{12}\.css)"', manifest)[:1]
        # Behind the proxy, which says the request came over HTTPS (else the production settings redirect to it).
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/static/{stylesheet}", headers={"X-Forwarded-Proto": "https"}
        )
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            assert response.status == 200
            assert "immutable" in response.headers["Cache-Control"]
    finally:
        server.terminate()
        server.wait(timeout=30)
