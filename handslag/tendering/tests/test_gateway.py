"""Only the gateway decrypts: a walk over every module under handslag/.

Sealed content must be read on a stated ground (gateway.py). A module that imported
``unseal`` or ``decrypt_tender`` itself could read a tender before its opening without
anybody noticing, so this test reads the source of every module and fails on any import
(or module attribute use) of a decrypting function outside the gateway, the sealing and
crypto modules themselves, and their own tests.
"""

import ast
from pathlib import Path

import handslag

ROOT = Path(handslag.__file__).resolve().parent

SEALING_MODULES = {"handslag.tendering.sealing", "handslag.tendering.crypto"}
# What decrypts, or hands out what decrypts (the data key in clear).
DECRYPTING = {
    "unseal",
    "unseal_file",
    "unseal_file_name",
    "data_key",
    "_data_key",
    "decrypt_tender",
    "decrypt_file_stream",
    "decrypt_name",
    "unwrap_key",
    "_unseal",
}
ALLOWED = {
    "handslag/tendering/gateway.py",
    "handslag/tendering/sealing.py",
    "handslag/tendering/crypto.py",
    "handslag/tendering/tests/test_crypto.py",
    "handslag/tendering/tests/test_gateway.py",
}
# Encryption needs the data key while a tender's files stream in: sealing, never opening.
SEALING_ONLY = {
    "handslag/tendering/services/submission.py": {"data_key"},
}


def _offences(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    allowed = SEALING_ONLY.get(path.relative_to(ROOT.parent).as_posix(), set())
    aliases: set[str] = set()
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module in SEALING_MODULES:
                found += [
                    f"{path}:{node.lineno} imports {a.name} from {node.module}"
                    for a in node.names
                    if a.name in DECRYPTING - allowed or a.name == "*"
                ]
            for a in node.names:
                if f"{node.module}.{a.name}" in SEALING_MODULES:
                    aliases.add(a.asname or a.name)
        elif isinstance(node, ast.Import):
            for a in node.names:
                if a.name in SEALING_MODULES:
                    aliases.add(a.asname or a.name)
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and node.attr in DECRYPTING - allowed
            and isinstance(node.value, ast.Name)
            and node.value.id in aliases
        ):
            found.append(f"{path}:{node.lineno} uses {node.value.id}.{node.attr}")
    return found


def test_only_the_gateway_decrypts_sealed_content():
    offences = []
    for path in sorted(ROOT.rglob("*.py")):
        if path.relative_to(ROOT.parent).as_posix() in ALLOWED:
            continue
        offences += _offences(path)
    assert offences == [], "Read sealed content through handslag/tendering/gateway.py:\n" + (
        "\n".join(offences)
    )


def test_the_walk_finds_an_offender(tmp_path):
    """The walk itself works: both ways of reaching unseal are caught."""
    module = tmp_path / "offender.py"
    module.write_text(
        "from handslag.tendering import sealing\n"
        "from handslag.tendering.crypto import decrypt_name\n"
        "sealing.unseal(tender=None)\n"
    )
    global ROOT
    saved, ROOT = ROOT, tmp_path
    try:
        assert len(_offences(module)) == 2
    finally:
        ROOT = saved
