"""The names of audit actions: each app's catalogue, and the names actions had before.

Every app declares the actions its services record in `<app>/audit_actions.py`, one
`StrEnum` named `<entity>.<verb>`, and registers it here from its AppConfig.ready(). An
entry keeps the name it was written with for ever: the hash chain covers it. So when an
action is renamed, its app registers the old name too, and whoever reads the log asks
here for the name an action has now (`action_current`) or for every name it was stored
under (`action_stored_names`). The log knows no domain app; no models are imported here,
so an apps.py can import this module before the app registry is ready.
"""

from collections.abc import Mapping
from enum import StrEnum

_catalogues: dict[str, type[StrEnum]] = {}
_current: dict[str, str] = {}  # every name an action is declared under now -> its catalogue
_renamed: dict[str, str] = {}  # old name -> the name the action has now


def register_actions(catalogue: type[StrEnum], *, renamed: Mapping[str, str] | None = None) -> None:
    """Declare an app's actions, and the names some of them were stored under before.

    Refuses a name another catalogue declares, an old name that is some action's name now,
    and an old name that points at no action of this catalogue: each would make a stored
    entry mean two things.
    """
    renamed = renamed or {}
    key = f"{catalogue.__module__}.{catalogue.__qualname__}"
    if _catalogues.get(key) is catalogue:
        return
    names = {str(member) for member in catalogue}
    clash = sorted(n for n in names if _current.get(n, key) != key)
    if clash:
        raise ValueError(f"{key} declares actions another catalogue declares: {clash}")
    for old, new in renamed.items():
        if str(new) not in names:
            raise ValueError(f"{key} renames {old!r} to {new!r}, which it does not declare")
        if old in _current or old in names:
            raise ValueError(f"{key} renames {old!r}, which is an action's name now")
        if _renamed.get(old, new) != new:
            raise ValueError(f"{old!r} is already renamed to {_renamed[old]!r}")
    stale = sorted(old for old in _renamed if old in names)
    if stale:
        raise ValueError(f"{key} declares names that are renamed actions: {stale}")
    _catalogues[key] = catalogue
    _current.update(dict.fromkeys(names, key))
    _renamed.update({old: str(new) for old, new in renamed.items()})


def action_catalogues() -> list[type[StrEnum]]:
    """Every registered catalogue, in the order the apps registered them."""
    return list(_catalogues.values())


def action_current(name: str) -> str:
    """The name the action stored as `name` has now (the name itself if it was not renamed)."""
    return _renamed.get(name, name)


def action_stored_names(*actions: str) -> list[str]:
    """Every name entries of these actions may be stored under: now and before a rename.

    For filters on the log: `AuditEntry.objects.filter(action__in=action_stored_names(A))`.
    """
    wanted = {action_current(str(a)) for a in actions}
    names = wanted | {old for old, new in _renamed.items() if new in wanted}
    return sorted(names)


def actions_renamed() -> dict[str, str]:
    """Every registered rename, old name to the name the action has now."""
    return dict(_renamed)
