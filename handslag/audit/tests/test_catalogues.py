"""Every audit entry is named from an app's catalogue, and the catalogues fit together.

An action name written inline drifts from the others (three styles grew that way) and
cannot be found by whoever reads the log. So each `audit_record(...)` under handslag/
must name its action by a member of a catalogue (`<app>/audit_actions.py`), read
statically: the member itself, one of two members (`A.DONE if done else A.REOPEN`), or a
module-level map of members (`TRIAGE_ACTIONS[status]`). A parameter passed on (a private
wrapper around audit_record) is refused too: the test could not tell what it names.
"""

import ast
import importlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import pytest

from handslag.audit.actions import action_catalogues, actions_renamed

ROOT = Path(__file__).resolve().parents[2]  # the handslag package
NAME = re.compile(r"^[a-z][a-z_]*\.[a-z][a-z_]*$")


@dataclass(frozen=True)
class Call:
    path: Path
    line: int
    problems: tuple[str, ...]

    @property
    def app(self) -> str:
        return self.path.relative_to(ROOT).parts[0]

    def __str__(self) -> str:
        return f"{self.path.relative_to(ROOT.parent)}:{self.line}: {'; '.join(self.problems)}"


def _source_files() -> Iterator[Path]:
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if any(part in ("tests", "testing", "migrations") for part in parts):
            continue
        yield path


class _Module:
    """What a module imports from the catalogues, and its module-level assignments."""

    def __init__(self, tree: ast.Module) -> None:
        self.catalogues: dict[str, type[StrEnum]] = {}  # local name -> catalogue class
        self.catalogue_modules: dict[str, str] = {}  # local name -> audit_actions module
        self.assigned: dict[str, ast.expr] = {}
        for node in tree.body:
            if isinstance(node, ast.ImportFrom) and (node.module or "").endswith(".audit_actions"):
                module = importlib.import_module(node.module)
                for alias in node.names:
                    found = getattr(module, alias.name, None)
                    if isinstance(found, type) and issubclass(found, StrEnum):
                        self.catalogues[alias.asname or alias.name] = found
            elif isinstance(node, ast.ImportFrom) and node.module:
                for alias in node.names:
                    if alias.name == "audit_actions":
                        full = f"{node.module}.audit_actions"
                        self.catalogue_modules[alias.asname or alias.name] = full
            elif isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        self.assigned[target.id] = node.value
            elif (
                isinstance(node, ast.AnnAssign)
                and isinstance(node.target, ast.Name)
                and node.value is not None
            ):
                self.assigned[node.target.id] = node.value

    def _member(self, node: ast.Attribute) -> type[StrEnum] | None:
        base = node.value
        if isinstance(base, ast.Name):
            return self.catalogues.get(base.id)
        if isinstance(base, ast.Attribute) and isinstance(base.value, ast.Name):
            module = self.catalogue_modules.get(base.value.id)
            if module:
                found = getattr(importlib.import_module(module), base.attr, None)
                if isinstance(found, type) and issubclass(found, StrEnum):
                    return found
        return None

    def problems(self, node: ast.expr, seen: frozenset[str] = frozenset()) -> list[str]:
        """Why `node` is not (only) catalogue members; empty when it is."""
        if isinstance(node, ast.Constant):
            return [f"the name {node.value!r} is written inline"]
        if isinstance(node, ast.JoinedStr):
            return [f"the name {ast.unparse(node)} is built at run time"]
        if isinstance(node, ast.IfExp):
            return self.problems(node.body, seen) + self.problems(node.orelse, seen)
        if isinstance(node, ast.Attribute):
            catalogue = self._member(node)
            if catalogue is None:
                return [f"{ast.unparse(node)} is not a member of a catalogue"]
            if node.attr not in catalogue.__members__:
                return [f"{catalogue.__name__} has no action {node.attr}"]
            return []
        if isinstance(node, ast.Subscript):
            return self.problems(node.value, seen)
        if isinstance(node, ast.Name):
            if node.id in self.assigned and node.id not in seen:
                return self.problems(self.assigned[node.id], seen | {node.id})
            return [f"{node.id} is a variable: pass a catalogue member to audit_record itself"]
        if isinstance(node, ast.Dict):
            return [p for value in node.values for p in self.problems(value, seen)]
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            return [p for value in node.elts for p in self.problems(value, seen)]
        return [f"{ast.unparse(node)} cannot be read as catalogue members"]


def _audit_record_calls() -> list[Call]:
    calls = []
    for path in _source_files():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        module: _Module | None = None
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name != "audit_record":
                continue
            module = module or _Module(tree)
            action = next((kw.value for kw in node.keywords if kw.arg == "action"), None)
            problems = ("no action= keyword",) if action is None else module.problems(action)
            calls.append(Call(path, node.lineno, tuple(problems)))
    return calls


def _catalogue_modules() -> list[str]:
    return sorted(
        f"handslag.{path.parent.name}.audit_actions" for path in ROOT.glob("*/audit_actions.py")
    )


def test_the_scan_finds_the_calls():
    calls = _audit_record_calls()
    assert len(calls) > 50
    assert {call.app for call in calls} >= {"accounts", "needs", "projects", "market"}


SNIPPET = """
from handslag.needs.audit_actions import NeedsAction
from handslag.projects import audit_actions as project_actions

TRIAGE = {"parked": NeedsAction.CHALLENGE_PARKED, "moved": NeedsAction.CHALLENGE_MOVED}
MIXED = {"parked": NeedsAction.CHALLENGE_PARKED, "moved": "challenge.moved"}
"""


@pytest.mark.parametrize(
    ("action", "refused"),
    [
        ("NeedsAction.CHALLENGE_SUBMIT", []),
        ("project_actions.ProjectsAction.RISK_CREATE", []),
        ("NeedsAction.EFFECT_ADD if added else NeedsAction.EFFECT_REMOVE", []),
        ("TRIAGE[status]", []),
        ('"challenge.submit"', ["'challenge.submit' is written inline"]),
        ('f"challenge.{status}"', ["is built at run time"]),
        ('NeedsAction.EFFECT_ADD if added else "effect.remove"', ["'effect.remove' is written"]),
        ("MIXED[status]", ["'challenge.moved' is written inline"]),
        ("action", ["action is a variable"]),
        ("NeedsAction.NO_SUCH_THING", ["has no action NO_SUCH_THING"]),
        ("Other.CHALLENGE_SUBMIT", ["is not a member of a catalogue"]),
        ('"challenge." + verb', ["cannot be read"]),
    ],
)
def test_the_scan_refuses_what_is_not_a_catalogue_member(action, refused):
    module = _Module(ast.parse(SNIPPET))
    problems = module.problems(ast.parse(action, mode="eval").body)
    assert len(problems) == len(refused)
    for problem, expected in zip(problems, refused, strict=True):
        assert expected in problem


def test_every_audit_record_names_its_action_from_a_catalogue():
    wrong = [str(call) for call in _audit_record_calls() if call.problems]
    assert not wrong, "Name the action by a member of the app's audit_actions catalogue:\n" + (
        "\n".join(wrong)
    )


def test_every_app_that_writes_the_log_has_its_own_catalogue():
    """The actions are split by the app whose services write them: one catalogue each."""
    apps = {call.app for call in _audit_record_calls()}
    assert apps >= {"tendering", "evaluation", "disclosure"}
    missing = sorted(app for app in apps if not (ROOT / app / "audit_actions.py").is_file())
    assert not missing, f"Declare these apps' actions in <app>/audit_actions.py: {missing}"


def test_every_catalogue_is_registered_by_its_app():
    """An app registers its catalogue in AppConfig.ready(), or the log's readers cannot
    read its renamed actions."""
    registered = {catalogue.__module__ for catalogue in action_catalogues()}
    assert _catalogue_modules()
    assert set(_catalogue_modules()) <= registered
    for name in _catalogue_modules():
        module = importlib.import_module(name)
        assert set(module.RENAMED.items()) <= set(actions_renamed().items()), name


def test_every_action_name_is_entity_dot_verb_and_declared_once():
    seen: dict[str, str] = {}
    for catalogue in action_catalogues():
        for member in catalogue:
            assert NAME.match(member.value), f"{catalogue.__name__}.{member.name}: {member.value}"
            assert member.name == member.value.replace(".", "_").upper(), member
            assert member.value not in seen, (
                f"{member.value} is declared by {seen.get(member.value)} and {catalogue.__name__}"
            )
            seen[member.value] = catalogue.__name__


def test_renamed_names_point_at_their_own_catalogue_and_are_no_names_now():
    current = {member.value for catalogue in action_catalogues() for member in catalogue}
    for name in _catalogue_modules():
        module = importlib.import_module(name)
        catalogues = [
            value
            for value in vars(module).values()
            if isinstance(value, type) and issubclass(value, StrEnum) and value is not StrEnum
        ]
        assert len(catalogues) == 1, name
        for old, new in module.RENAMED.items():
            assert old not in current, f"{name}: {old} is renamed but is an action's name now"
            assert isinstance(new, catalogues[0]), f"{name}: {old} -> {new!r}"


def test_every_declared_action_is_used_outside_the_tests():
    """A declared action nothing uses is a name the log will never hold."""
    written: set[str] = set()
    for path in _source_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        written |= {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)}
    unused = [
        f"{catalogue.__name__}.{member.name}"
        for catalogue in action_catalogues()
        for member in catalogue
        if member.name not in written
    ]
    assert not unused
