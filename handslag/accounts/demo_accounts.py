"""The demo accounts listed on the sign-in page in demo mode (DESIGN §8).

The people are fictional role holders in the real public bodies from the seeds.
"""

from django.utils.translation import gettext_noop as N_

DEMO_PASSWORD = "handslag-demo"  # noqa: S105 - shown on the sign-in page in demo mode only

# username, first name, last name, organisation key, organisation role, description
DEMO_ACCOUNTS = [
    (
        "upphandlare",
        "Maria",
        "Lindqvist",
        "vaxjo",
        "procurement_officer",
        N_("Procurement officer, Växjö kommun"),
    ),
    (
        "behovsagare",
        "Johan",
        "Berg",
        "vaxjo",
        "need_owner",
        N_("Need owner (technical services), Växjö kommun"),
    ),
    ("utvarderare", "Sara", "Holm", "vaxjo", "staff", N_("Evaluator, Växjö kommun")),
    (
        "leverantor",
        "Ali",
        "Haddad",
        "sensorbolaget",
        "admin",
        N_("Supplier, Sensorbolaget i Småland AB"),
    ),
]
