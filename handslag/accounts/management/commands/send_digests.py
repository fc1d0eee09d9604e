"""Send the daily digests: one e-mail per person who chose a digest, with everything new.

Run it once a day from cron (say at 07:00 Europe/Stockholm). Each notification goes out in
one digest only, however often this runs.
"""

from django.core.management.base import BaseCommand

from handslag.accounts.notifications import send_digests


class Command(BaseCommand):
    help = "Send each person who chose a daily digest one e-mail with their new notifications."

    def handle(self, *args, **options) -> None:
        count = send_digests()
        self.stdout.write(f"{count} digests sent")
