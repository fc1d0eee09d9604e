"""The thresholds shipped with handslag: 2024–2025 and 2026–2027, each with its source.

Data, stored as published. The next period's values are entered in the admin or with
``manage.py thresholds_import``; a row already present (same category and first day) is
left as it is, so a value corrected by staff is never overwritten here.

2024–2025: the values in kronor and in euro as Upphandlingsmyndigheten publishes them for
LOU from 1 January 2024 (the euro values are those of Commission Delegated Regulation (EU)
2023/2495). Social and other specific services: 8 109 450 kr (EUR 750 000).

2026–2027: the euro values of Commission Delegated Regulation (EU) 2025/2152. Their value in
kronor is left empty until it is entered from a published source; until then the advisor
reads a value it cannot compare as at or above the threshold.

The direct-award limit is the fixed 700 000 kr of LOU 19 a kap. (SFS 2021:1105, in force
since 1 February 2022), no longer 28 % of a threshold; it is shipped per period so that the
advisor finds a row in force on every date the table covers.
"""

import datetime

from django.db import migrations

UHM_2024_TITLE = (
    "Upphandlingsmyndigheten: Tröskelvärden och direktupphandlingsgränser "
    "i kronor (SEK) från 1 januari 2024"
)
UHM_URL = (
    "https://www.upphandlingsmyndigheten.se/regler-och-lagstiftning/"
    "troskelvarden-och-direktupphandlingsgranser"
)
REG_2023_BASIS = "Kommissionens delegerade förordning (EU) 2023/2495; LOU 5 kap."
REG_2025_TITLE = (
    "Kommissionens delegerade förordning (EU) 2025/2152 av den 22 oktober 2025 om ändring "
    "av direktiv 2014/24/EU vad gäller tröskelvärdena"
)
REG_2025_URL = "https://eur-lex.europa.eu/eli/reg_del/2025/2152/oj"
DIRECT_AWARD_BASIS = "LOU 19 a kap. (SFS 2021:1105)"

P2024 = (datetime.date(2024, 1, 1), datetime.date(2025, 12, 31))
P2026 = (datetime.date(2026, 1, 1), datetime.date(2027, 12, 31))

# (category, period, SEK, EUR, source title, source URL, legal basis)
ROWS = [
    (
        "central_supplies_services",
        P2024,
        1_546_202,
        143_000,
        UHM_2024_TITLE,
        UHM_URL,
        REG_2023_BASIS,
    ),
    ("other_supplies_services", P2024, 2_389_585, 221_000, UHM_2024_TITLE, UHM_URL, REG_2023_BASIS),
    ("works", P2024, 59_880_179, 5_538_000, UHM_2024_TITLE, UHM_URL, REG_2023_BASIS),
    ("social_services", P2024, 8_109_450, 750_000, UHM_2024_TITLE, UHM_URL, REG_2023_BASIS),
    ("direct_award", P2024, 700_000, None, UHM_2024_TITLE, UHM_URL, DIRECT_AWARD_BASIS),
    ("central_supplies_services", P2026, None, 140_000, REG_2025_TITLE, REG_2025_URL, "LOU 5 kap."),
    ("other_supplies_services", P2026, None, 216_000, REG_2025_TITLE, REG_2025_URL, "LOU 5 kap."),
    ("works", P2026, None, 5_404_000, REG_2025_TITLE, REG_2025_URL, "LOU 5 kap."),
    ("social_services", P2026, None, 750_000, REG_2025_TITLE, REG_2025_URL, "LOU 5 kap."),
    (
        "direct_award",
        P2026,
        700_000,
        None,
        "Lag (2016:1145) om offentlig upphandling, 19 a kap. (direktupphandling)",
        "https://www.riksdagen.se/sv/dokument-och-lagar/dokument/svensk-forfattningssamling/"
        "lag-20161145-om-offentlig-upphandling_sfs-2016-1145/",
        DIRECT_AWARD_BASIS,
    ),
]


def add_thresholds(apps, schema_editor):  # noqa: ANN001, ANN201
    ThresholdValue = apps.get_model("projects", "ThresholdValue")
    for category, (start, end), sek, eur, title, url, basis in ROWS:
        ThresholdValue.objects.get_or_create(
            category=category,
            valid_from=start,
            defaults={
                "valid_to": end,
                "sek_value": sek,
                "eur_value": eur,
                "source_title": title,
                "source_url": url,
                "legal_basis": basis,
            },
        )


def remove_thresholds(apps, schema_editor):  # noqa: ANN001, ANN201
    ThresholdValue = apps.get_model("projects", "ThresholdValue")
    for category, (start, _end), *_rest in ROWS:
        ThresholdValue.objects.filter(category=category, valid_from=start).delete()


class Migration(migrations.Migration):
    dependencies = [("projects", "0007_threshold_values")]

    operations = [migrations.RunPython(add_thresholds, remove_thresholds)]
