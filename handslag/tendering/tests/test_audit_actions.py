"""The catalogue keeps the names tendering's entries are already stored under.

The hash chain covers an entry's action, so a name changed here would leave the entries
written before it under a name no reader asks for; a rename goes through RENAMED instead.
"""

from handslag.tendering.audit_actions import RENAMED, TenderingAction


def test_the_names_are_the_names_in_the_log():
    assert {str(action) for action in TenderingAction} == {
        "tender.submit",
        "tender.withdraw",
        "tender.opening_confirm",
        "tender.opening_expire",
        "tender.opening_window_set",
        "tender.open",
        "tender.conflict_declare",
        "tender.round_start",
        "tender.channel_message",
    }
    assert not RENAMED
