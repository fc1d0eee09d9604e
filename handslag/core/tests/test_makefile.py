"""`make run` starts the demo as it would run in production, only in demo mode: DEBUG off
(no technical error pages), its own secret key, static files from WhiteNoise, and cookies
that work over plain http on the laptop."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
TRUE = {"1", "true", "yes", "on"}


def _makefile() -> str:
    return (ROOT / "Makefile").read_text()


def _run_env() -> dict[str, str]:
    line = re.search(r"^RUN_ENV\s*=\s*(.*)$", _makefile(), re.MULTILINE).group(1)
    return dict(re.findall(r"(\w+)=(\$\$\([^)]*\)|\S+)", line))


def _run_recipe() -> str:
    return re.search(r"^run:.*\n((?:\t.*\n)+)", _makefile(), re.MULTILINE).group(0)


def test_the_demo_does_not_turn_debug_on():
    env = _run_env()
    assert env.get("DEBUG", "0").strip().lower() not in TRUE
    assert "DEBUG=1" not in _run_recipe()


def test_the_demo_runs_in_demo_mode_with_its_own_secret_key_over_http():
    env = _run_env()
    assert env["HANDSLAG_DEMO"] == "1"
    assert env["SECURE_COOKIES"] == "0"
    assert ".secret-key" in env["SECRET_KEY"]
    assert ".secret-key" in _run_recipe().splitlines()[0]


def test_the_demo_collects_static_files_before_it_starts():
    recipe = _run_recipe()
    assert recipe.index("collectstatic") < recipe.index("runserver")
