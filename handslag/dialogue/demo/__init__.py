"""Demo dialogue from the seeds' cases (DESIGN §8): Växjö's dialogue meetings before the
call and through the partnerships (waste, snow), Innovationsupphandling Syd's innovation
sprints with six companies (residents), and Region Östergötland's workshop and RFI session
(home monitoring). Stakeholders and a communication plan for the same cases.

Built through the services. Idempotent: a meeting is looked up by project, title and date,
a stakeholder by project and name, a line of the plan by project, audience and date, a
parked idea by its title; what exists is left as it is. A case whose project (or whose
people) the earlier loaders did not create is skipped.
"""

from django.utils import translation

from handslag.dialogue.demo.helpers import K
from handslag.dialogue.demo.ostergotland import OG_PEOPLE, _load_home_monitoring
from handslag.dialogue.demo.syd import RESIDENTS_COMPANIES, SYD_PEOPLE, _load_residents
from handslag.dialogue.demo.vaxjo import VAXJO_PEOPLE, _load_snow, _load_waste

__all__ = ["K", "OG_PEOPLE", "RESIDENTS_COMPANIES", "SYD_PEOPLE", "VAXJO_PEOPLE", "load"]


def load() -> None:
    with translation.override("sv"):
        _load_waste()
        _load_snow()
        _load_residents()
        _load_home_monitoring()
