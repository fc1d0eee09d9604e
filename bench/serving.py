"""What the server benchmarks share: a throwaway configuration and a real gunicorn on
127.0.0.1 that is up before the first request (or the run stops)."""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def configure(tmp: Path, **settings: str) -> dict[str, str]:
    """Point Django at a new SQLite database and media folder under `tmp`, with `settings`
    added or replacing the defaults; the environment is also set for this process."""
    env = {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": f"sqlite:///{tmp / 'bench.sqlite3'}",
        "MEDIA_ROOT": str(tmp / "media"),
        "SECRET_KEY": secrets.token_urlsafe(40),
        "SECURE_COOKIES": "0",
        "STATIC_MANIFEST": "0",
        "DEBUG": "0",
        "TASKS_BACKEND": "immediate",
        **settings,
    }
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    return env


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int, workers: int, env: dict[str, str], log: Path) -> subprocess.Popen:
    gunicorn = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(
        [
            str(gunicorn),
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--timeout",
            "120",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )
    for _ in range(300):  # at most 30 s to come up
        if process.poll() is not None:
            raise SystemExit(f"gunicorn exited: see {log}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return process
        except OSError:
            time.sleep(0.1)
    process.terminate()
    raise SystemExit("gunicorn did not start within 30 s")


def stop_server(process: subprocess.Popen | None, *, timeout: float) -> None:
    """Ask gunicorn to stop; kill it if it has not within `timeout` seconds."""
    if process is None:
        return
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
