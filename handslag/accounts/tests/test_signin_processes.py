"""Sign-in throttling holds across server processes: two application servers share one
database (as several gunicorn workers do), failures are spread over both, and then no
process accepts the right password."""

# ruff: noqa: S603, S310  (the test starts its own servers and talks to them on localhost)
import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
LIMIT = 5
RIGHT = "Rätt-lösen-4711"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _wait_until_up(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"server exited: {process.stdout.read().decode()}")
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"server at {url} did not start")


@pytest.fixture
def two_servers(tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO"))},
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'shared.sqlite3'}",
        "SECRET_KEY": "multi-process-test-key",
        "DEBUG": "0",
        "SECURE_COOKIES": "0",
        "STATIC_MANIFEST": "0",
        "TASKS_BACKEND": "immediate",
        "LOGIN_FAILURE_LIMIT": str(LIMIT),
        "LOGIN_FAILURE_WINDOW": "900",
        "TENDER_KEY_ENCRYPTION_KEY": "dGVzdC1vbmx5LWtleS1lbmNyeXB0aW9uLWtleS0zMmI=",
    }
    env.pop("REDIS_URL", None)
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run(
        [*manage, "migrate", "--noinput"], cwd=ROOT, env=env, check=True, capture_output=True
    )
    subprocess.run(
        [
            *manage,
            "shell",
            "-c",
            "from handslag.accounts.models import User;"
            f"User.objects.create_user(username='maria', password='{RIGHT}')",
        ],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    servers, urls = [], []
    try:
        for _ in range(2):
            port = _free_port()
            process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "--workers=1",
                    f"--bind=127.0.0.1:{port}",
                    "config.wsgi",
                ],
                cwd=ROOT,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
            )
            servers.append(process)
            urls.append(f"http://127.0.0.1:{port}")
        for url, process in zip(urls, servers, strict=True):
            _wait_until_up(f"{url}/accounts/login/", process)
        yield urls
    finally:
        for process in servers:
            process.terminate()
            process.wait(timeout=20)


def _attempt(base: str, password: str) -> tuple[int, bool]:
    """One sign-in through a fresh browser: (status, signed in)."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirect)
    page = opener.open(f"{base}/accounts/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode(
        {"username": "maria", "password": password, "csrfmiddlewaretoken": token}
    ).encode()
    request = urllib.request.Request(
        f"{base}/accounts/login/", data=data, headers={"Referer": base}
    )
    try:
        response = opener.open(request)
        status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    return status, any(cookie.name == "sessionid" for cookie in jar)


def test_failures_spread_over_two_processes_lock_the_account_on_both(two_servers):
    first, second = two_servers
    for n in range(LIMIT):
        _attempt(two_servers[n % 2], "fel-lösen")
    results = [_attempt(two_servers[n % 2], RIGHT) for n in range(25)]
    accepted = [r for r in results if r[1]]
    assert accepted == [], f"{len(accepted)} of 25 attempts with the right password were accepted"
    assert {status for status, _ in results} == {429}
    assert first != second
