"""The start page is filled by the apps' registrations, in INSTALLED_APPS order."""

import ast
from pathlib import Path

from handslag.core import dashboard

CORE = Path(dashboard.__file__).parent
DOMAIN_APPS = {
    "accounts",
    "audit",
    "benefits",
    "dialogue",
    "disclosure",
    "documents",
    "evaluation",
    "knowledge",
    "market",
    "needs",
    "partnership",
    "projects",
    "tendering",
}


def test_every_app_with_a_dashboard_registers_it_in_lifecycle_order():
    apps = [part.__module__.split(".")[1] for part in dashboard._dashboard_parts]
    assert apps == ["needs", "projects", "market", "tendering", "evaluation", "partnership"]
    assert set(dashboard._landing_parts) == {"challenges", "calls"}


def test_the_public_start_page_shows_the_first_rows_of_each_list(monkeypatch):
    monkeypatch.setattr(dashboard, "_landing_parts", {"numbers": lambda: list(range(9))})
    assert dashboard.public_overview() == {"numbers": [0, 1, 2, 3, 4]}


def test_a_person_with_nothing_to_see_has_nothing(monkeypatch):
    monkeypatch.setattr(dashboard, "_dashboard_parts", [lambda *, user: {"rows": []}])
    assert dashboard.for_user(object()) == {"rows": [], "has_anything": False}


def test_core_imports_no_domain_app():
    for path in CORE.rglob("*.py"):
        if "tests" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            for name in names:
                parts = name.split(".")
                assert not (parts[0] == "handslag" and parts[1:2] and parts[1] in DOMAIN_APPS), (
                    f"{path.relative_to(CORE)} imports {name}"
                )
