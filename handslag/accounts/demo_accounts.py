"""The demo accounts listed on the sign-in page in demo mode (DESIGN §8).

The people are fictional role holders in the real public bodies from the seeds.
"""

from django.utils.translation import gettext_noop

DEMO_PASSWORD = "handslag-demo"  # noqa: S105 - shown on the sign-in page in demo mode only

# username, first name, last name, organisation key, organisation role, description
DEMO_ACCOUNTS = [
    (
        "upphandlare",
        "Maria",
        "Lindqvist",
        "vaxjo",
        "procurement_officer",
        gettext_noop("Procurement officer, Växjö kommun"),
    ),
    (
        "behovsagare",
        "Johan",
        "Berg",
        "vaxjo",
        "need_owner",
        gettext_noop("Need owner (technical services), Växjö kommun"),
    ),
    ("utvarderare", "Sara", "Holm", "vaxjo", "staff", gettext_noop("Evaluator, Växjö kommun")),
    (
        "leverantor",
        "Ali",
        "Haddad",
        "sensorbolaget",
        "admin",
        gettext_noop("Supplier, Sensorbolaget i Småland AB"),
    ),
]
