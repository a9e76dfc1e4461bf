"""The Kubernetes manifests (deploy/kubernetes), rendered by kustomize as a deploy would render them: every object is
valid for the Kubernetes version the platform runs, and the things that hurt when they are wrong hold in every
overlay — one beat, separate probes, no root, no writable image, bounded resources, no secret in the repository, and
no environment variable the service does not read. Each rule is a function that lists what breaks it, so that a test
can show it catches a broken copy as well as passing the real one."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import click
import kubernetes_validate
import pytest
import yaml
from celery.bin.worker import worker as celery_worker_command

ROOT = Path(__file__).resolve().parents[2]
KUBERNETES = ROOT / "deploy" / "kubernetes"
OVERLAYS = sorted(path.name for path in (KUBERNETES / "overlays").iterdir() if path.is_dir())
# The version Cloud Platform's clusters run, or older: a field added since would be refused there.
KUBERNETES_VERSION = "1.31.0"
UID = 10001

# The processes' commands, as docker-compose and bin/run-demo run them.
COMMANDS = {
    "rasso-web": "gunicorn rasso.wsgi --config rasso/gunicorn.py",
    "rasso-worker": "celery -A rasso worker -Q celery --loglevel INFO",
    "rasso-mailer": "celery -A rasso worker -Q email --loglevel INFO --concurrency 2",
    "rasso-beat": "celery -A rasso beat --loglevel INFO --schedule /tmp/celerybeat-schedule",
    "rasso-migrate": "python manage.py migrate --noinput",
}
# Values that must only ever come from a Secret.
SECRET_NAMES = {
    "DJANGO_SECRET_KEY",
    "DJANGO_SECRET_KEY_FALLBACKS",
    "COMPLAINANT_IDENTITY_KEYS",
    "DATABASE_PASSWORD",
    "OIDC_RP_CLIENT_SECRET",
    "ONE_LOGIN_PRIVATE_KEY",
    "GOVUK_NOTIFY_API_KEY",
    "METRICS_TOKEN",
    "REDIS_URL",
    "EMAIL_HOST_PASSWORD",
}
# What Celery's command line reads from the environment (its options, as CELERY_<COMMAND>_<OPTION>).
CELERY_COMMAND_LINE = {"CELERY_WORKER_CONCURRENCY"}

Object = dict[str, Any]
Rule = Callable[[list[Object]], list[str]]


@cache
def _render_text(overlay: str) -> str:
    kubectl = shutil.which("kubectl")
    assert kubectl, "kubectl renders the manifests"
    return subprocess.run(  # noqa: S603 - our own manifests, rendered offline
        [kubectl, "kustomize", str(KUBERNETES / "overlays" / overlay)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout


def render(overlay: str) -> list[Object]:
    """The overlay's objects, each time a fresh copy that a test may change."""
    return [document for document in yaml.safe_load_all(_render_text(overlay)) if document]


def the(objects: list[Object], kind: str, name: str) -> Object:
    [found] = [item for item in objects if item["kind"] == kind and item["metadata"]["name"] == name]
    return found


def workloads(objects: list[Object]) -> Iterator[Object]:
    yield from (item for item in objects if item["kind"] in ("Deployment", "Job"))


def containers(workload: Object) -> list[Object]:
    spec = workload["spec"]["template"]["spec"]
    return [*spec.get("initContainers", []), *spec["containers"]]


def config_data(objects: list[Object]) -> dict[str, str]:
    [config] = [item for item in objects if item["kind"] == "ConfigMap"]
    return config["data"]


@cache
def names_the_service_reads() -> set[str]:
    """Every environment variable the service's own code reads (settings, gunicorn's configuration, any app)."""
    pattern = re.compile(
        r"""(?:env\.\w+|os\.environ\.get|os\.environ\.setdefault|os\.getenv)\(\s*["']([A-Z][A-Z0-9_]*)["']"""
        r"""|os\.environ\[\s*["']([A-Z][A-Z0-9_]*)["']\s*\]"""
    )
    skipped = {"tests", "bench", "node_modules", "static", "var", "templates", "frontend"}
    folders = [path for path in ROOT.iterdir() if path.is_dir() and path.name not in skipped]
    sources = [path for folder in folders if not folder.name.startswith(".") for path in folder.rglob("*.py")]
    return {
        name for source in sources for match in pattern.finditer(source.read_text()) for name in match.groups() if name
    }


# The rules: each lists what breaks it.


def beat_problems(objects: list[Object]) -> list[str]:
    beat = the(objects, "Deployment", "rasso-beat")
    problems = []
    if beat["spec"].get("replicas") != 1:
        problems.append(
            f"beat runs {beat['spec'].get('replicas')} replicas: every scheduled task would run that often"
        )
    if beat["spec"].get("strategy") != {"type": "Recreate"}:
        problems.append("beat's rollout would run the old and the new scheduler side by side")
    return problems


def probe_problems(objects: list[Object]) -> list[str]:
    [web] = containers(the(objects, "Deployment", "rasso-web"))
    readiness = web.get("readinessProbe", {}).get("httpGet", {}).get("path")
    liveness = web.get("livenessProbe", {}).get("httpGet", {}).get("path")
    problems = []
    if (readiness, liveness) != ("/readyz", "/healthz"):
        problems.append(f"web's readiness is {readiness} and liveness {liveness}, not /readyz and /healthz")
    for name in ("rasso-worker", "rasso-mailer", "rasso-beat"):
        [container] = containers(the(objects, "Deployment", name))
        if "exec" not in container.get("livenessProbe", {}):
            problems.append(f"{name} has no liveness probe")
    return problems


def posture_problems(objects: list[Object]) -> list[str]:
    problems = []
    for workload in workloads(objects):
        name = workload["metadata"]["name"]
        pod = workload["spec"]["template"]["spec"]
        context = pod.get("securityContext", {})
        if pod.get("automountServiceAccountToken") is not False:
            problems.append(f"{name} gets a service account token")
        if context.get("seccompProfile") != {"type": "RuntimeDefault"}:
            problems.append(f"{name} has no RuntimeDefault seccomp profile")
        for container in containers(workload):
            mine = container.get("securityContext", {})
            user = mine.get("runAsUser", context.get("runAsUser"))
            group = mine.get("runAsGroup", context.get("runAsGroup"))
            if mine.get("runAsNonRoot", context.get("runAsNonRoot")) is not True or user != UID or group != UID:
                problems.append(f"{name} may run as root or without the image's numeric user {UID}")
            if mine.get("readOnlyRootFilesystem") is not True:
                problems.append(f"{name} may write to its image")
            if mine.get("allowPrivilegeEscalation") is not False or mine.get("capabilities") != {"drop": ["ALL"]}:
                problems.append(f"{name} keeps capabilities or may gain privileges")
            resources = container.get("resources", {})
            for bound in ("requests", "limits"):
                if set(resources.get(bound, {})) != {"cpu", "memory"}:
                    problems.append(f"{name} has no {bound} for both cpu and memory")
    return problems


def _mounts(workload: Object) -> dict[str, Object]:
    """Each mount path of the workload's container, to the volume mounted there."""
    pod = workload["spec"]["template"]["spec"]
    volumes = {volume["name"]: volume for volume in pod.get("volumes", [])}
    [container] = pod["containers"]
    return {mount["mountPath"]: volumes[mount["name"]] for mount in container.get("volumeMounts", [])}


def storage_problems(objects: list[Object]) -> list[str]:
    """Every place a process writes is a volume, nothing hides the static files the image collected, and the uploads
    are one volume that web and worker share."""
    data = config_data(objects)
    static_root = Path(data["RASSO_VAR_DIR"]) / "staticfiles"
    uploads = data["RASSO_UPLOAD_DIR"]
    problems = []
    for workload in workloads(objects):
        name = workload["metadata"]["name"]
        mounts = _mounts(workload)
        if "emptyDir" not in mounts.get("/tmp", {}):  # noqa: S108 - the pod's own emptyDir, not a shared /tmp
            problems.append(f"{name} has no writable /tmp")
        hiding = [path for path in mounts if static_root.is_relative_to(path)]
        if hiding:
            problems.append(f"{name} mounts {hiding} over the image's static files in {static_root}")
    for name in ("rasso-web", "rasso-worker"):
        claim = _mounts(the(objects, "Deployment", name)).get(uploads, {}).get("persistentVolumeClaim", {})
        if claim.get("claimName") != "rasso-uploads":
            problems.append(f"{name} does not mount the uploads volume at RASSO_UPLOAD_DIR ({uploads})")
    if the(objects, "PersistentVolumeClaim", "rasso-uploads")["spec"]["accessModes"] != ["ReadWriteMany"]:
        problems.append("web and worker pods on different nodes cannot share the uploads volume")
    return problems


def secret_problems(objects: list[Object]) -> list[str]:
    problems = [f"a {item['kind']} named {item['metadata']['name']}" for item in objects if item["kind"] == "Secret"]
    problems += [f"{name} is in the ConfigMap" for name in SECRET_NAMES & set(config_data(objects))]
    for workload in workloads(objects):
        for container in containers(workload):
            for entry in container.get("env", []):
                if entry["name"] in SECRET_NAMES and "secretKeyRef" not in entry.get("valueFrom", {}):
                    problems.append(f"{workload['metadata']['name']} sets {entry['name']} other than from a Secret")
    return problems


def environment_problems(objects: list[Object]) -> list[str]:
    """Every variable set is one something reads: the service, Celery's command line, or a later variable of the
    same container that refers to it as $(NAME) (which must come after it, or Kubernetes leaves the text as it is)."""
    read = names_the_service_reads()
    problems = [f"the ConfigMap sets {name}, which nothing reads" for name in set(config_data(objects)) - read]
    for workload in workloads(objects):
        env = containers(workload)[0].get("env", [])
        for position, entry in enumerate(env):
            later = " ".join(str(other.get("value", "")) for other in env[position + 1 :])
            if entry["name"] not in read | CELERY_COMMAND_LINE and f"$({entry['name']})" not in later:
                problems.append(f"{workload['metadata']['name']} sets {entry['name']}, which nothing reads")
            for reference in re.findall(r"\$\((\w+)\)", str(entry.get("value", ""))):
                if reference not in {earlier["name"] for earlier in env[:position]}:
                    problems.append(f"{workload['metadata']['name']}'s {entry['name']} refers to $({reference})")
    return problems


def host_problems(objects: list[Object]) -> list[str]:
    """The public host is written once (the Ingress) and copied: the certificate, the links in e-mails and the Host
    header Django accepts must all name it."""
    ingress = the(objects, "Ingress", "rasso-web")["spec"]
    host = ingress["rules"][0]["host"]
    [web] = containers(the(objects, "Deployment", "rasso-web"))
    allowed = {entry["name"]: entry.get("value", "") for entry in web["env"]}["DJANGO_ALLOWED_HOSTS"]
    named = {
        "the certificate": ingress["tls"][0]["hosts"],
        "SERVICE_URL": [config_data(objects)["SERVICE_URL"]],
        "DJANGO_ALLOWED_HOSTS": allowed.split(",")[:1],
    }
    expected = {"the certificate": [host], "SERVICE_URL": [f"https://{host}"], "DJANGO_ALLOWED_HOSTS": [host]}
    return [f"{what} names {named[what]}, not {host}" for what in named if named[what] != expected[what]]


def workload_problems(objects: list[Object]) -> list[str]:
    problems = []
    for name, command in COMMANDS.items():
        found = [item for item in workloads(objects) if item["metadata"]["name"] == name]
        if not found:
            problems.append(f"there is no {name}")
            continue
        [container] = containers(found[0])
        if container["command"] != shlex.split(command):
            problems.append(f"{name} runs {shlex.join(container['command'])}, not {command}")
        image = container["image"]
        if ":" not in image.rsplit("/", 1)[-1] or image.endswith(":latest"):
            problems.append(f"{name}'s image {image} is not set to a fixed tag by the overlay")
    if the(objects, "Job", "rasso-migrate")["spec"]["template"]["spec"]["restartPolicy"] != "Never":
        problems.append("a failed migration would be retried inside one pod for ever")
    autoscaler = the(objects, "HorizontalPodAutoscaler", "rasso-web")["spec"]
    if autoscaler["scaleTargetRef"] != {"apiVersion": "apps/v1", "kind": "Deployment", "name": "rasso-web"}:
        problems.append("the autoscaler does not scale the web Deployment")
    if "replicas" in the(objects, "Deployment", "rasso-web")["spec"]:
        problems.append("web's replicas would be reset by every apply, undoing the autoscaler")
    return problems


RULES = [
    beat_problems,
    probe_problems,
    posture_problems,
    storage_problems,
    secret_problems,
    environment_problems,
    host_problems,
    workload_problems,
]


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_every_object_is_valid_for_the_platforms_kubernetes(overlay: str) -> None:
    objects = render(overlay)
    assert {"Deployment", "Job", "Service", "Ingress", "HorizontalPodAutoscaler", "PodDisruptionBudget"} <= {
        item["kind"] for item in objects
    }
    for item in objects:
        kubernetes_validate.validate(item, KUBERNETES_VERSION, strict=True)


@pytest.mark.parametrize("overlay", OVERLAYS)
@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.__name__)
def test_the_overlay_keeps_the_rule(overlay: str, rule: Rule) -> None:
    assert rule(render(overlay)) == []


def test_celery_reads_the_worker_concurrency_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """CELERY_WORKER_CONCURRENCY is read by Celery's command line, not by our settings: proven here, so that the
    allowance above stays true."""
    monkeypatch.setenv("CELERY_WORKER_CONCURRENCY", "2")
    [option] = [param for param in celery_worker_command.params if param.name == "concurrency"]
    context = click.Context(celery_worker_command, auto_envvar_prefix="CELERY_WORKER")
    assert option.resolve_envvar_value(context) == "2"


def test_the_image_keeps_its_files_where_the_manifests_say() -> None:
    """The static files are collected into RASSO_VAR_DIR when the image is built; a ConfigMap that named another
    folder would serve none."""
    var_dir = config_data(render(OVERLAYS[0]))["RASSO_VAR_DIR"]
    assert f"RASSO_VAR_DIR={var_dir}" in (ROOT / "Dockerfile").read_text()


def _set(path: str, value: Any) -> Callable[[Object], None]:
    """A change to one object: the field at the dotted path (a number is a list index) set to the value."""

    def change(item: Object) -> None:
        *parents, last = [int(key) if key.isdigit() else key for key in path.split(".")]
        node: Any = item
        for key in parents:
            node = node[key]
        node[last] = value

    return change


CONTAINER = "spec.template.spec.containers.0"
# Each: the rule, the object broken, how, and words of the problem it must then report.
BREAKAGES = [
    (beat_problems, "Deployment", "rasso-beat", _set("spec.replicas", 2), "beat runs 2 replicas"),
    (beat_problems, "Deployment", "rasso-beat", _set("spec.strategy", {}), "side by side"),
    (
        probe_problems,
        "Deployment",
        "rasso-web",
        _set(f"{CONTAINER}.livenessProbe.httpGet.path", "/readyz"),
        "liveness",
    ),
    (posture_problems, "Deployment", "rasso-worker", _set("spec.template.spec.securityContext.runAsUser", 0), "root"),
    (
        posture_problems,
        "Deployment",
        "rasso-web",
        _set(f"{CONTAINER}.securityContext.readOnlyRootFilesystem", False),
        "write to its image",
    ),
    (posture_problems, "Job", "rasso-migrate", _set(f"{CONTAINER}.resources.limits", {"cpu": "1"}), "no limits"),
    (
        secret_problems,
        "Deployment",
        "rasso-web",
        _set(f"{CONTAINER}.env.0", {"name": "DJANGO_SECRET_KEY", "value": "x"}),
        "DJANGO_SECRET_KEY other than from a Secret",
    ),
    (
        environment_problems,
        "Deployment",
        "rasso-mailer",
        _set(f"{CONTAINER}.env.0.name", "EMAIL_SERVER"),
        "EMAIL_SERVER",
    ),
    (host_problems, "Ingress", "rasso-web", _set("spec.rules.0.host", "other.example"), "not other.example"),
    (
        storage_problems,
        "Deployment",
        "rasso-web",
        _set(f"{CONTAINER}.volumeMounts.1.mountPath", "/var/lib/rasso"),
        "over the image's static files",
    ),
    (
        storage_problems,
        "PersistentVolumeClaim",
        "rasso-uploads",
        _set("spec.accessModes", ["ReadWriteOnce"]),
        "cannot share",
    ),
    (
        workload_problems,
        "HorizontalPodAutoscaler",
        "rasso-web",
        _set("spec.scaleTargetRef.name", "rasso-worker"),
        "does not scale the web",
    ),
    (workload_problems, "Job", "rasso-migrate", _set(f"{CONTAINER}.command", ["true"]), "rasso-migrate runs true"),
]


@pytest.mark.parametrize(("rule", "kind", "name", "change", "reported"), BREAKAGES, ids=[row[-1] for row in BREAKAGES])
def test_a_rule_fails_a_copy_broken_the_way_it_guards_against(
    rule: Rule, kind: str, name: str, change: Callable[[Object], None], reported: str
) -> None:
    objects = render("production")
    change(the(objects, kind, name))
    problems = rule(objects)
    assert any(reported in problem for problem in problems), problems
