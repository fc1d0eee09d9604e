"""The demo accounts listed on the sign-in page in demo mode (DESIGN §8).

The people are fictional role holders in the real public bodies from the seeds.
"""

from django.utils.translation import gettext_noop

DEMO_PASSWORD = "handslag-demo"  # noqa: S105 - shown on the sign-in page in demo mode only

# username, first name, last name, organisation key, organisation role, description
DEMO_ACCOUNTS = [
    # Växjö kommun's challenges: the call, its evaluation and its opening by two officials.
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
        "oppnare",
        "Erik",
        "Nilsson",
        "vaxjo",
        "procurement_officer",
        gettext_noop("Second opening official, Växjö kommun"),
    ),
    (
        "leverantor",
        "Ali",
        "Haddad",
        "sensorbolaget",
        "admin",
        gettext_noop("Supplier, Sensorbolaget i Småland AB"),
    ),
    # Innovationsupphandling Syd: one project shared by several municipalities.
    (
        "syd-projektledare",
        "Anna",
        "Persson",
        "trelleborg",
        "procurement_officer",
        gettext_noop("Project lead, Innovationsupphandling Syd (Trelleborgs kommun)"),
    ),
    (
        "skurup-behov",
        "Lena",
        "Ek",
        "skurup",
        "need_owner",
        gettext_noop("Need owner, Skurups kommun"),
    ),
    (
        "ystad-behov",
        "Omar",
        "Said",
        "ystad",
        "need_owner",
        gettext_noop("Need owner, Ystads kommun"),
    ),
    # Region Östergötland's home monitoring: 21 applications, 5 invited, two openers.
    (
        "og-upphandlare",
        "Karin",
        "Ström",
        "ostergotland",
        "procurement_officer",
        gettext_noop("Procurement officer, Region Östergötland"),
    ),
    (
        "og-oppnare",
        "Per",
        "Lund",
        "ostergotland",
        "procurement_officer",
        gettext_noop("Second opening official, Region Östergötland"),
    ),
    (
        "og-behov",
        "Sofia",
        "Wallin",
        "ostergotland",
        "need_owner",
        gettext_noop("Need owner (home care), Region Östergötland"),
    ),
    (
        "vardnara",
        "Nils",
        "Åberg",
        "vardnara",
        "admin",
        gettext_noop("Supplier, Vårdnära Teknik AB"),
    ),
    (
        "delning",
        "Mira",
        "Kask",
        "delningstjanst",
        "admin",
        gettext_noop("Supplier, Delningstjänst Nord AB"),
    ),
    (
        "ideburen",
        "Hanna",
        "Olsson",
        "ideburen",
        "admin",
        gettext_noop("Non-profit supplier, Idéburna Digitalhjälpen"),
    ),
    # Across the cases.
    (
        "radgivare",
        "Gustav",
        "Falk",
        "upphandlingsmyndigheten",
        "staff",
        gettext_noop("External advisor, Upphandlingsmyndigheten"),
    ),
]
