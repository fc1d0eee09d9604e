"""Delete sealed tender blobs that no tender file points to.

A submission writes its sealed files to storage before the transaction that records
them; if the process is killed between the two, the blobs stay behind as ciphertext that
no row refers to. This command removes such blobs once they are older than a grace
period (so it never races a submission in progress). Run it daily, e.g. from cron.
"""

import datetime as dt

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.utils import timezone

from handslag.tendering.files import STORAGE_PREFIX
from handslag.tendering.models import TenderFile


class Command(BaseCommand):
    help = "Delete sealed tender blobs that no tender file refers to (older than --hours)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--hours", type=float, default=6.0)
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, hours: float, dry_run: bool, **options) -> None:
        cutoff = timezone.now() - dt.timedelta(hours=hours)
        known = set(TenderFile.objects.values_list("blob", flat=True))
        removed = 0
        if not default_storage.exists(STORAGE_PREFIX):
            self.stdout.write("0 orphan blobs")
            return
        calls, _ = default_storage.listdir(STORAGE_PREFIX)
        for call in calls:
            _, names = default_storage.listdir(f"{STORAGE_PREFIX}/{call}")
            for name in names:
                path = f"{STORAGE_PREFIX}/{call}/{name}"
                if path in known or default_storage.get_modified_time(path) > cutoff:
                    continue
                removed += 1
                if not dry_run:
                    default_storage.delete(path)
        self.stdout.write(f"{removed} orphan blobs{' (dry run)' if dry_run else ''}")
