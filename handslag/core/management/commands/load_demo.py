import importlib

from django.core.management.base import BaseCommand
from django.db import transaction

# Each app's demo module builds on the ones before it; each is idempotent.
DEMO_MODULES = [
    "handslag.accounts.demo",
    "handslag.needs.demo",
    "handslag.projects.demo",
    "handslag.market.demo",
    "handslag.evaluation.demo",
    "handslag.partnership.demo",
    "handslag.benefits.demo",
    "handslag.knowledge.demo",
    "handslag.dialogue.demo",
    "handslag.documents.demo",
    "handslag.disclosure.demo",
]


class Command(BaseCommand):
    help = "Load the demo data built from the seeds' cases (Växjö, Innovationsupphandling Syd, Region Östergötland)."

    def handle(self, *args, **options) -> None:  # noqa: ANN002, ANN003
        with transaction.atomic():
            for name in DEMO_MODULES:
                try:
                    module = importlib.import_module(name)
                except ModuleNotFoundError as error:
                    if error.name != name:
                        raise
                    continue
                module.load()
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
