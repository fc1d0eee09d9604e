"""The engine package: no Django imports, every public name re-exported."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from handslag.benefits import engine

ENGINE_DIR = Path(engine.__file__).resolve().parent
REPOSITORY = ENGINE_DIR.parents[2]


def test_engine_imports_without_django() -> None:
    code = (
        "import sys\n"
        f"sys.path.insert(0, {str(REPOSITORY)!r})\n"
        "from handslag.benefits import engine\n"
        "assert not any(name.split('.')[0] == 'django' for name in sys.modules), 'django imported'\n"
        "print(abs(engine.npv([-1.0, 1.1], 0.1)) < 1e-12)\n"
    )
    completed = subprocess.run(  # noqa: S603 - fixed interpreter and code
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        cwd="/",
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == "True"


def test_no_module_of_the_engine_mentions_django() -> None:
    modules = sorted(ENGINE_DIR.glob("*.py"))
    assert len(modules) >= 8
    for module in modules:
        for line in module.read_text(encoding="utf-8").splitlines():
            words = line.split()
            assert not (
                words[:2] == ["import", "django"]
                or words[:1] == ["from"]
                and words[1:2]
                and words[1].startswith("django")
            ), module.name


def test_every_public_name_is_re_exported() -> None:
    for name in engine.__all__:
        assert getattr(engine, name) is not None, name
    # The functions, not the submodules that share a stem, are what the package exposes.
    assert callable(engine.monte_carlo)
    assert callable(engine.sensitivity)
    assert callable(engine.lcc)
    from handslag.benefits.engine import BenefitModel, evaluate

    assert BenefitModel is engine.BenefitModel
    assert evaluate is engine.evaluate
