from django.core.management.base import BaseCommand, CommandError

from handslag.audit.services import audit_verify


class Command(BaseCommand):
    help = "Verify the audit log's hash chain and report the first broken link."

    def handle(self, *args, **options) -> None:  # noqa: ANN002, ANN003
        report = audit_verify()
        if report.ok:
            self.stdout.write(
                self.style.SUCCESS(f"Audit chain intact: {report.checked} entries verified.")
            )
            return
        raise CommandError(
            f"Audit chain broken at entry {report.broken_at} ({report.reason}); "
            f"{report.checked} entries before it verified."
        )
