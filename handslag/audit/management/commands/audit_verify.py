from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from handslag.audit.models import AuditHead
from handslag.audit.services import audit_verify, head_from_table


class Command(BaseCommand):
    help = (
        "Verify the audit log's hash chain against its signed head and report the first "
        "broken link, or a log that was cut at the end or emptied."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--expect",
            action="append",
            default=[],
            metavar="HASH",
            help="A hash printed in an opening record or award decision that must be in "
            "the chain (may be given more than once).",
        )
        parser.add_argument(
            "--sign-head",
            action="store_true",
            help="Sign a new head for the log as it stands now (after changing AUDIT_KEY, or "
            "once a reported break has been investigated). Verify first.",
        )

    def handle(self, *args, **options) -> None:
        if options["sign_head"]:
            self._sign_head()
            return
        report = audit_verify(expect=options["expect"])
        for expected, position in sorted(report.expected_at.items(), key=lambda i: i[1]):
            self.stdout.write(f"{expected} is entry {position} of the chain.")
        if report.ok:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Audit chain intact: {report.checked} entries verified, "
                    f"head {report.last_hash}."
                )
            )
            return
        if report.broken_at is not None:
            raise CommandError(
                f"Audit chain broken at entry {report.broken_at} ({report.reason}); "
                f"{report.checked} entries before it verified."
            )
        raise CommandError(
            f"Audit chain broken: {report.reason}; {report.checked} entries in the table "
            "verified up to the newest."
        )

    def _sign_head(self) -> None:
        with transaction.atomic():
            head = head_from_table()
            # The head's row may only be moved on, never deleted: update it in place.
            if AuditHead.objects.filter(pk=head.pk).exists():
                AuditHead.objects.filter(pk=head.pk).update(
                    count=head.count,
                    last_hash=head.last_hash,
                    updated_at=head.updated_at,
                    signature=head.signature,
                )
            else:
                head.save()
        self.stdout.write(
            self.style.WARNING(f"Signed a new head: {head.count} entries, {head.last_hash}.")
        )
