"""handslag.rules stays free of Django, directly and through whatever it imports.

The rules are the bottom layer: every app may use them, so they may lean on none, and
they must be usable where no settings module exists. Each module is imported in a fresh
interpreter in which ``import django`` fails; a module that needs Django, however
indirectly, makes the import fail there.
"""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import handslag.rules

ROOT = Path(handslag.rules.__file__).resolve().parents[2]

_PROBE = """
import importlib, os, sys
os.environ.pop("DJANGO_SETTINGS_MODULE", None)
sys.modules["django"] = None  # any "import django..." now raises ImportError
name = sys.argv[1]
importlib.import_module(name)
leaked = sorted(m for m in sys.modules if m == "django" or m.startswith("django."))
if leaked != ["django"]:
    raise SystemExit(f"{name} loaded {leaked}")
"""


def _modules() -> list[str]:
    found = ["handslag.rules"]
    for info in pkgutil.walk_packages(handslag.rules.__path__, prefix="handslag.rules."):
        if ".tests" in info.name or info.name.endswith(".tests"):
            continue
        found.append(info.name)
    return found


def test_the_walk_finds_the_legal_clock():
    """Guards the test itself: an empty walk would pass without checking anything."""
    assert "handslag.rules.legal_clock.working_days" in _modules()


@pytest.mark.parametrize("module", _modules())
def test_module_imports_without_django(module):
    result = subprocess.run(  # noqa: S603  (our own interpreter and module names)
        [sys.executable, "-c", _PROBE, module],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, f"{module} needs Django:\n{result.stderr}{result.stdout}"


def test_the_probe_catches_a_django_import():
    """The probe fails for a module that does import Django, so a pass means something."""
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", _PROBE, "handslag.core.validators"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
