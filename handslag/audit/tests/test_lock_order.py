"""One lock order: a service's own row locks first, the audit chain's lock last.

An attachment upload and a concurrent project write deadlocked on PostgreSQL: one
waited for the audit lock, the other for the project's row, which the write had locked
only because it was joined in (select_for_update with select_related).
"""

import threading

import pytest
from django.db import connection, transaction

from handslag.accounts.models import Organisation
from handslag.accounts.tests.factories import OrganisationFactory, UserFactory
from handslag.audit.lockorder import AuditLockOrderError
from handslag.audit.models import AuditEntry
from handslag.audit.services import audit_record, audit_verify
from handslag.documents import services as documents
from handslag.documents.audit_actions import DocumentsAction
from handslag.documents.models import Attachment
from handslag.documents.tests.factories import Team, upload
from handslag.projects import services as projects
from handslag.projects.audit_actions import ProjectsAction
from handslag.projects.models import ChecklistItem, StageStatus
from handslag.projects.services import lifecycle

postgresql_only = pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="row locks are PostgreSQL's"
)


@pytest.mark.django_db
def test_a_row_write_after_the_audit_entry_fails_loudly():
    actor, org = UserFactory(), OrganisationFactory()
    with pytest.raises(AuditLockOrderError), transaction.atomic():
        audit_record(actor=actor, action="test.one", target=org)
        Organisation.objects.filter(pk=org.pk).update(name="Changed")


@pytest.mark.django_db
@postgresql_only
def test_a_row_lock_after_the_audit_entry_fails_loudly():
    actor, org = UserFactory(), OrganisationFactory()
    with pytest.raises(AuditLockOrderError), transaction.atomic():
        audit_record(actor=actor, action="test.one", target=org)
        Organisation.objects.select_for_update().get(pk=org.pk)


@pytest.mark.django_db
def test_locks_before_the_entry_and_in_the_next_transaction_are_fine():
    actor, org = UserFactory(), OrganisationFactory()
    with transaction.atomic():
        Organisation.objects.select_for_update().get(pk=org.pk)
        Organisation.objects.filter(pk=org.pk).update(name="Changed")
        audit_record(actor=actor, action="test.one", target=org)
        audit_record(actor=actor, action="test.two", target=org)  # the chain's own lock
    with transaction.atomic():
        Organisation.objects.select_for_update().get(pk=org.pk)
        audit_record(actor=actor, action="test.three", target=org)
    with pytest.raises(ValueError), transaction.atomic():
        audit_record(actor=actor, action="test.four", target=org)
        raise ValueError
    with transaction.atomic():
        Organisation.objects.filter(pk=org.pk).update(name="Again")
        audit_record(actor=actor, action="test.five", target=org)
    assert audit_verify().ok


# --- Two connections on PostgreSQL --------------------------------------------------------


def _in_thread(name: str, work, errors: dict):
    def run() -> None:
        try:
            with connection.cursor() as cursor:
                # A lock not granted in time is a failure here, never a hang.
                cursor.execute("SET lock_timeout = '4s'")
            work()
        except BaseException as error:
            errors[name] = error
        finally:
            connection.close()

    return threading.Thread(target=run, name=name, daemon=True)


def _pausing_project_write(monkeypatch, *, at: str):
    """Make the project write stop, holding its locks, before or after its audit entry."""
    reached, release = threading.Event(), threading.Event()
    real = lifecycle.audit_record

    def audit_record_then_wait(**kwargs):
        if threading.current_thread().name != "write":
            return real(**kwargs)
        if at == "before":
            reached.set()
            release.wait(10)
            return real(**kwargs)
        entry = real(**kwargs)
        reached.set()
        release.wait(10)
        return entry

    monkeypatch.setattr(lifecycle, "audit_record", audit_record_then_wait)
    return reached, release


def _setup():
    team = Team()
    stage = team.project.stages.get(status=StageStatus.OPEN)
    item = ChecklistItem.objects.filter(stage=stage).first()
    return team, item


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@postgresql_only
@pytest.mark.parametrize("pause", ["before", "after"])
def test_an_upload_and_a_project_write_at_once_both_finish(monkeypatch, settings, tmp_path, pause):
    """The project write (ticking a checklist item) holds its row locks, and, in the
    second case, the audit lock too; an upload to the same project meanwhile must not
    end in a deadlock or wait for a project row the write never meant to lock."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    settings.MEDIA_ROOT = tmp_path / "media"
    team, item = _setup()
    reached, release = _pausing_project_write(monkeypatch, at=pause)
    errors: dict = {}
    write = _in_thread(
        "write",
        lambda: projects.checklist_item_set_done(item=item, actor=team.lead, done=True),
        errors,
    )
    upload_done = threading.Event()

    def do_upload() -> None:
        documents.attachment_upload(actor=team.lead, project=team.project, upload=upload())
        upload_done.set()

    uploader = _in_thread("upload", do_upload, errors)
    write.start()
    assert reached.wait(10), errors
    uploader.start()
    if pause == "before":
        # The write holds the item's and the stage's rows, not the project's and not
        # the audit lock: the upload goes through while the write waits.
        upload_done.wait(8)
        release.set()
    else:
        # The write holds the audit lock: the upload queues for it, then goes through.
        uploader.join(1)
        release.set()
    write.join(15)
    uploader.join(15)
    assert not write.is_alive() and not uploader.is_alive()
    assert errors == {}
    assert Attachment.objects.filter(project=team.project).count() == 1
    assert ChecklistItem.objects.get(pk=item.pk).done
    actions = list(AuditEntry.objects.order_by("id").values_list("action", flat=True))
    order = [DocumentsAction.ATTACHMENT_UPLOAD, ProjectsAction.CHECKLIST_ITEM_DONE]
    assert actions[-2:] == (order if pause == "before" else order[::-1])
    assert audit_verify().ok
