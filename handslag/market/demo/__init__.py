"""Demo calls and applications for the seeds' cases (DESIGN §8). Idempotent.

Runs after projects/demo.py and builds on its projects (handslag.projects.demo.project(key)).
Built through the services, with `now=` set to the historical times, so every rule and
audit entry is the same as for a real call. A case whose project is missing is skipped.

- waste, snow (Växjö, 2021): deadlines passed; suppliers invited to tender (the tendering
  demo opens, evaluates and awards them).
- irrigation (Växjö): application deadline passed, suppliers invited, tender deadline in
  the future relative to the moment of loading, so the tenders stay sealed.
- meals (Växjö): published, applications still open.
- sharing (Trelleborg for Innovationsupphandling Syd, 2019): deadlines passed, invited.
- home_monitoring (Region Östergötland, negotiated procedure, 2019): 21 applications,
  5 invited to tender including Vårdnära Teknik, the rest not qualified, with reasons.

Market dialogue (after the calls):
- supplier profiles with capabilities and areas for the accounts demo's suppliers;
- home_monitoring: the spring 2019 workshop and the RFI that followed, with answers from
  four suppliers (closed);
- residents (Innovationsupphandling Syd): the innovation sprint with six companies;
- meals: questions from suppliers, two answered to all and one still waiting.

The steps live in base (suppliers, references, projects), calls (the calls, applications
and load()) and dialogue; they are re-exported here.
"""

from handslag.market.demo.base import EXTRA_SUPPLIERS, REFERENCES, STOCKHOLM, SUPPLIER_PEOPLE, call
from handslag.market.demo.calls import (
    APPLICATION_TEXT,
    PARTNERSHIP,
    REJECTION_REASONS,
    SELECTION,
    load,
)
from handslag.market.demo.dialogue import (
    MEALS_QUESTIONS,
    PROFILES,
    RFI_ANSWERS,
    RFI_QUESTIONS,
    RFI_TITLE,
    SPRINT_COMPANIES,
)

__all__ = [
    "APPLICATION_TEXT",
    "EXTRA_SUPPLIERS",
    "MEALS_QUESTIONS",
    "PARTNERSHIP",
    "PROFILES",
    "REFERENCES",
    "REJECTION_REASONS",
    "RFI_ANSWERS",
    "RFI_QUESTIONS",
    "RFI_TITLE",
    "SELECTION",
    "SPRINT_COMPANIES",
    "STOCKHOLM",
    "SUPPLIER_PEOPLE",
    "call",
    "load",
]
