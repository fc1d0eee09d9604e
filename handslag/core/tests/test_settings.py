import importlib
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def _run(code: str, **env: str) -> subprocess.CompletedProcess:
    clean = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "config.settings", **env}
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_server_refuses_to_start_without_a_secret_key():
    result = _run("import config.wsgi")
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_a_server_starts_with_a_secret_key_and_commands_run_without_one():
    assert _run("import config.wsgi", SECRET_KEY="x" * 50).returncode == 0
    command = (
        "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"
    )
    assert _run(command).returncode == 0


def test_settings_module_imports():
    assert importlib.import_module("config.settings").SECRET_KEY
