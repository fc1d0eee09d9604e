import importlib

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Load the demo data built from the seeds' cases (Växjö, Innovationsupphandling Syd, Region Östergötland)."

    def handle(self, *args, **options) -> None:
        # The apps and their order are the project's (settings.DEMO_MODULES): core knows
        # none of them, and a missing demo module is an error, not a silent gap.
        with transaction.atomic():
            for name in settings.DEMO_MODULES:
                importlib.import_module(name).load()
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
