"""Production configuration: it refuses to start half-configured, passes Django's deploy checks,
and docker-compose.yml runs commands that exist in this project."""

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

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
        "proxy",
        "redis",
        "reminders",
        "scheduler",
        "web",
        "worker",
    ]
    for name, service in services.items():
        assert "healthcheck" in service, name
        assert service.get("restart") == "unless-stopped", name
    assert "pgdata:/var/lib/postgresql/data" in services["db"]["volumes"]
    for name in ("web", "worker", "scheduler", "reminders"):
        assert "media:/srv/media" in services[name]["volumes"]
        assert services[name]["environment"]["DJANGO_ENV"] == "production"
    assert "--requirepass" in services["redis"]["command"][-1]
    assert services["web"]["environment"]["REDIS_URL"].startswith("redis://:${REDIS_PASSWORD")


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

    worker = _command_words(services["worker"])
    assert worker[:3] == ["python", "-m", "config.worker"]
    assert (ROOT / "config" / "worker.py").is_file()
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
