"""Send the notifications whose date has come (an award notice on its notice date).

Where the task backend can defer work (the database backend), each such notice also
wakes a task at its moment; this command is the schedule that never misses one. Run it
every few minutes from cron. A notification is sent once, however often this runs.
"""

from django.core.management.base import BaseCommand

from handslag.accounts.notifications import send_due_notifications


class Command(BaseCommand):
    help = "Send the e-mail notifications that were waiting for their date."

    def handle(self, *args, **options) -> None:
        count = send_due_notifications()
        self.stdout.write(f"{count} notifications sent")
