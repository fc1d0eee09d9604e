"""Every app grows the same way: when views, selectors, services, the API, forms, schemas
or URLs outgrow one file they become a package of that name (`views/`, `selectors/` …),
never a second file with a suffix (`views_dialogue.py`, `pilot_selectors.py`)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
KINDS = "views|selectors|services|api|forms|schemas|urls|permissions|models"
SUFFIXED = re.compile(rf"^(?:(?:{KINDS})_\w+|\w+_(?:{KINDS}))\.py$")


def suffixed_modules(root: Path) -> list[str]:
    return sorted(
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "tests" not in path.parts
        and "migrations" not in path.parts
        and SUFFIXED.match(path.name)
    )


def test_no_app_splits_a_layer_into_suffixed_files():
    assert suffixed_modules(ROOT) == []


def test_the_check_sees_a_suffixed_file(tmp_path):
    (tmp_path / "market").mkdir()
    for name in ("views_dialogue.py", "pilot_selectors.py", "views.py", "viewset.py"):
        (tmp_path / "market" / name).write_text("")
    assert suffixed_modules(tmp_path) == ["market/pilot_selectors.py", "market/views_dialogue.py"]
