"""Production configuration: it refuses to start half-configured, passes Django's deploy checks,
and docker-compose.yml runs commands that exist in this project."""

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
import yaml
from django.conf import settings
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "DJANGO_ENV": "production",
    "DJANGO_SECRET_KEY": "k3Y-7f9ZqW2mN8vR4tB6yH1jL5pX0cA9sD3gF7hJ2kL6zX8cV4bN1mQ5wE9rT3yU",
    "DJANGO_ALLOWED_HOSTS": "thidua.example.gov.vn",
    "DATABASE_URL": "postgres://thidua:secret@127.0.0.1:5432/thidua",
    "REDIS_URL": "redis://:secret@127.0.0.1:6379/0",
    "PUBLIC_BASE_URL": "https://thidua.example.gov.vn",
}


def run_manage(*args: str, env_overrides: dict[str, str | None]) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CELERY_"))}
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    for key, value in env_overrides.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.process
@pytest.mark.parametrize(
    "missing", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL"]
)
def test_production_start_without_variable_stops_naming_it(missing):
    result = run_manage("check", env_overrides={**PRODUCTION_ENV, missing: None})
    assert result.returncode != 0
    assert f"Thiếu biến môi trường {missing}" in result.stderr
    assert f"Missing environment variable {missing}" in result.stderr


@pytest.mark.process
def test_production_start_with_blank_variable_stops_naming_it():
    result = run_manage("check", env_overrides={**PRODUCTION_ENV, "DJANGO_SECRET_KEY": "  "})
    assert result.returncode != 0
    assert "Thiếu biến môi trường DJANGO_SECRET_KEY" in result.stderr


@pytest.mark.process
def test_production_settings_pass_deploy_check():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", env_overrides=PRODUCTION_ENV
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def _compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def _command_words(service: dict) -> list[str]:
    command = service["command"]
    if isinstance(command, list):
        command = " ".join(command)
    words = shlex.split(command)
    if words[:2] == ["sh", "-c"]:
        words = shlex.split(words[2])
    return words


def test_compose_has_the_production_services_with_health_checks():
    services = _compose()["services"]
    assert sorted(services) == [
        "db",
        "mail-scheduler",
        "proxy",
        "redis",
        "reminders",
        "scheduler",
        "web",
        "worker",
        "worker-imports",
        "worker-mail",
    ]
    for name, service in services.items():
        assert "healthcheck" in service, name
        assert service.get("restart") == "unless-stopped", name
    assert "pgdata:/var/lib/postgresql/data" in services["db"]["volumes"]
    # The media are one named volume that the web servers and every worker share.
    for name in APP_SERVICES:
        assert "media:/srv/media" in services[name]["volumes"]
        assert services[name]["environment"]["MEDIA_ROOT"] == "/srv/media"
        assert services[name]["environment"]["DJANGO_ENV"] == "production"
    assert "media" in _compose()["volumes"]
    assert "--requirepass" in services["redis"]["command"][-1]
    assert services["web"]["environment"]["REDIS_URL"].startswith("redis://:${REDIS_PASSWORD")


APP_SERVICES = (
    "web",
    "worker",
    "worker-mail",
    "worker-imports",
    "scheduler",
    "mail-scheduler",
    "reminders",
)
# The queues each worker service consumes (--queues), all of them consumed by some worker.
WORKER_QUEUES = {
    "worker": ["documents"],
    "worker-mail": ["mail"],
    "worker-imports": ["imports", "celery"],
}


def _option(words: list[str], name: str) -> str | None:
    for index, word in enumerate(words):
        if word.startswith(f"{name}="):
            return word.partition("=")[2]
        if word == name:
            return words[index + 1]
    return None


def test_compose_scales_web_and_workers_behind_one_proxy():
    """`docker compose up --scale web=3 --scale worker=4` works: no service but the proxy names
    its container or takes a host port, and the proxy waits for the web service."""
    services = _compose()["services"]
    for name, service in services.items():
        assert "container_name" not in service, name
        if name != "proxy":
            assert "ports" not in service, name
    assert services["web"]["expose"] == ["8000"]
    # gunicorn's size per replica, not per core of the host every replica shares.
    assert services["web"]["environment"]["WEB_CONCURRENCY"] == "${WEB_CONCURRENCY:-4}"
    assert services["proxy"]["depends_on"]["web"] == {"condition": "service_healthy"}
    assert sorted(services["proxy"]["ports"]) == ["443:443", "80:80"]


def test_compose_runs_workers_per_queue_and_every_queue_has_one():
    services = _compose()["services"]
    consumed = {}
    for name, queues in WORKER_QUEUES.items():
        words = _command_words(services[name])
        assert words[:3] == ["python", "-m", "config.worker"], name
        assert _option(words, "--queues").split(",") == queues, name
        consumed.update(dict.fromkeys(queues, name))
    assert sorted(consumed) == sorted(settings.TASK_QUEUE_NAMES)
    # The mail worker has a small pool of its own, whatever the documents workers' size.
    assert _option(_command_words(services["worker-mail"]), "--concurrency") == "2"
    sweep = _command_words(services["mail-scheduler"])
    assert sweep[:3] == ["python", "manage.py", "sweep_mail"]
    assert "sweep_mail" in get_commands()


def test_compose_redis_keeps_the_queues_across_a_restart():
    compose = _compose()
    redis = compose["services"]["redis"]
    words = shlex.split(redis["command"][-1])
    assert _option(words, "--appendonly") == "yes"
    assert _option(words, "--appendfsync") == "everysec"
    assert _option(words, "--dir") == "/data"
    assert "--save" not in words
    assert redis["volumes"] == ["redisdata:/data"]
    assert "redisdata" in compose["volumes"]


def test_nginx_balances_over_every_web_replica():
    conf = (ROOT / "config" / "nginx.conf").read_text(encoding="utf-8")
    assert "resolver 127.0.0.11 valid=10s ipv6=off;" in conf
    assert "set $thidua_web http://web:8000;" in conf
    passes = re.findall(r"proxy_pass (\S+);", conf)
    assert passes == ["$thidua_web", "$thidua_web"]
    # An upstream block is resolved once at start and would miss replicas added later.
    assert re.search(r"^\s*upstream\s", conf, flags=re.MULTILINE) is None
    assert "proxy_next_upstream error timeout http_502 http_503;" in conf


def test_compose_proxy_limits_bodies_and_is_the_only_trusted_way_in():
    services = _compose()["services"]
    proxy = services["proxy"]
    assert "./config/nginx.conf:/etc/nginx/conf.d/default.conf:ro" in proxy["volumes"]
    address = proxy["networks"]["default"]["ipv4_address"]
    assert services["web"]["environment"]["TRUSTED_PROXIES"] == address
    assert "ports" not in services["web"]  # gunicorn is reached only through the proxy
    conf = (ROOT / "config" / "nginx.conf").read_text(encoding="utf-8")
    sizes = re.findall(r"client_max_body_size (\d+)m;", conf)
    assert sizes == [
        str(settings.REQUEST_BODY_LIMIT_DEFAULT // 2**20),
        str(max(settings.REQUEST_BODY_LIMITS.values()) // 2**20),
    ]
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in conf


def test_compose_commands_exist_in_the_project():
    services = _compose()["services"]
    commands = get_commands()
    venv_bin = Path(sys.executable).parent

    web = _command_words(services["web"])
    for name in [w for i, w in enumerate(web) if i and web[i - 1] == "manage.py"]:
        assert name in commands, f"web runs manage.py {name}, which does not exist"
    app_path = web[web.index("gunicorn") + 1]
    module, _, attribute = app_path.partition(":")
    assert (venv_bin / "gunicorn").exists()
    assert getattr(__import__(module, fromlist=[attribute]), attribute) is not None

    for name in WORKER_QUEUES:
        assert _command_words(services[name])[:3] == ["python", "-m", "config.worker"], name
    assert (ROOT / "config" / "worker.py").is_file()
    assert (venv_bin / "celery").exists()  # the health checks' `celery inspect ping`
    from config import celery_app

    assert celery_app.main == "thidua"

    scheduler = _command_words(services["scheduler"])
    assert scheduler[:3] == ["python", "manage.py", "sweep_jobs"]
    assert "sweep_jobs" in commands

    reminders = _command_words(services["reminders"])
    assert reminders[:3] == ["python", "manage.py", "send_pledge_reminders"]
    assert "send_pledge_reminders" in commands


def test_dockerfile_copies_folders_that_exist():
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    copied = re.findall(r"^COPY (\S+) \./", dockerfile, flags=re.MULTILINE)
    assert copied, "Dockerfile copies nothing"
    for source in copied:
        if source != ".":
            assert (ROOT / source).exists(), source
    assert "libharfbuzz-subset0" in dockerfile
    assert re.search(r"^USER app$", dockerfile, flags=re.MULTILINE)


def test_product_settings_keep_djangos_password_hashers():
    """Only the suite's settings trade the slow hasher for a fast one; the product keeps PBKDF2."""
    import config.settings as product

    assert not hasattr(product, "PASSWORD_HASHERS")
    from django.conf import global_settings

    assert global_settings.PASSWORD_HASHERS[0].endswith("PBKDF2PasswordHasher")


def _readme_section(title: str) -> str:
    """The README's section under the heading `title`, up to the next heading of its level
    (a `#` line inside a fenced code block is a shell comment, not a heading)."""
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    start = lines.index(next(line for line in lines if line.lstrip("#") == f" {title}"))
    level = len(lines[start]) - len(lines[start].lstrip("#"))
    section, fenced = [], False
    for line in lines[start + 1 :]:
        if line.startswith("```"):
            fenced = not fenced
        heading = len(line) - len(line.lstrip("#"))
        if not fenced and 0 < heading <= level and line[heading : heading + 1] == " ":
            break
        section.append(line)
    return "\n".join(section)


def test_readme_province_layout_covers_scaling_backups_and_the_broker():
    section = _readme_section("Triển khai cho một tỉnh / Production layout for a province")
    for needle in (
        "--scale web=3 --scale worker=4",
        "pg_dump -Fc",
        "archive_mode = on",
        "archive_command",
        "pg_basebackup",
        "recovery_target_time",
        "--appendonly yes --appendfsync everysec",
        "certificates_per_hour_per_worker",
    ):
        assert needle in section, needle


def _gunicorn_settings(web_concurrency: str) -> dict:
    source = (ROOT / "config" / "gunicorn.py").read_text()
    namespace: dict = {}
    with mock.patch.dict(os.environ, {"WEB_CONCURRENCY": web_concurrency}):
        exec(compile(source, "config/gunicorn.py", "exec"), namespace)  # noqa: S102 (our file)
    return namespace


def test_gunicorn_preloads_the_application_only_for_several_workers():
    several, one = _gunicorn_settings("4"), _gunicorn_settings("1")
    assert (several["workers"], several["preload_app"]) == (4, True)
    # One worker shares nothing with its master: the master keeps no copy of the application.
    assert (one["workers"], one["preload_app"]) == (1, False)


def test_gunicorn_runs_no_control_socket():
    """gunicorn reads the setting under this name: its master starts no control server (an
    asyncio loop in a thread of its own) and creates no gunicorn.ctl socket."""
    from gunicorn.config import Config

    config = Config()
    for name, value in _gunicorn_settings("1").items():
        if name in config.settings:
            config.set(name, value)
    assert config.control_socket_disable is True


@pytest.mark.process
def test_make_recipes_keep_compiled_modules_when_the_environment_turns_them_off(tmp_path):
    """The suite starts many Python processes; each compiles the project again unless Python
    may write __pycache__, so `make` clears PYTHONDONTWRITEBYTECODE for its recipes."""
    probe = tmp_path / "probe.mk"
    probe.write_text('probe-bytecode:\n\t@echo "[$${PYTHONDONTWRITEBYTECODE-unset}]"\n')
    result = subprocess.run(
        ["make", "--no-print-directory", "-f", "Makefile", "-f", str(probe), "probe-bytecode"],
        cwd=ROOT,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[unset]"
