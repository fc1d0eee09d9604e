"""The catalogue keeps the names disclosure's entries are already stored under.

The hash chain covers an entry's action, so a name changed here would leave the entries
written before it under a name no reader asks for; a rename goes through RENAMED instead.
"""

from handslag.disclosure.audit_actions import RENAMED, DisclosureAction


def test_the_names_are_the_names_in_the_log():
    assert {str(action) for action in DisclosureAction} == {
        "disclosure.claims_change",
        "disclosure.request_register",
        "disclosure.claim_rule",
        "disclosure.mask_add",
        "disclosure.mask_remove",
        "disclosure.consultation_send",
        "disclosure.consultation_comment",
        "disclosure.case_decide",
        "disclosure.request_decide",
        "disclosure.request_refuse",
        "disclosure.link_renew",
    }
    assert not RENAMED
