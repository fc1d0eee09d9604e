"""Pages of a project's dialogue: the hub, meetings and actions, stakeholders, the plan."""

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from handslag.core.forms import form_page, posted, submit_form
from handslag.core.render import file_response
from handslag.dialogue import services
from handslag.dialogue.exports import action_list_xlsx
from handslag.dialogue.forms import (
    ActionForm,
    CommunicationForm,
    IdeaParkForm,
    MeetingForm,
    StakeholderForm,
)
from handslag.dialogue.models import ActionItem, Meeting
from handslag.dialogue.permissions import (
    access_action,
    access_communication,
    access_meeting,
    access_project_dialogue,
    access_stakeholder,
    can_edit_dialogue,
)
from handslag.dialogue.selectors import (
    action_list,
    communication_list,
    dialogue_summary,
    meeting_actions,
    meeting_for_page,
    meeting_list,
    stakeholder_grid,
    stakeholder_list,
    stakeholder_quadrant,
)
from handslag.needs.permissions import can_triage_in
from handslag.projects.models import Project

PAGE_SIZE = 25


def _page(request: HttpRequest, items: Any):
    return Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))


def _base(request: HttpRequest, project: Project, **extra: Any) -> dict[str, Any]:
    return {
        "project": project,
        "can_edit": can_edit_dialogue(user=request.user, project=project),
        "today": timezone.localdate(),
        **extra,
    }


def _can_park(request: HttpRequest, project: Project) -> bool:
    organisation = services.idea_organisation(actor=request.user, project=project)
    return (
        organisation is not None
        and can_edit_dialogue(user=request.user, project=project)
        and can_triage_in(user=request.user, organisation_id=organisation.pk)
    )


# The hub ------------------------------------------------------------------------------


@require_GET
def project_dialogue(request: HttpRequest, pk: int) -> HttpResponse:
    project = access_project_dialogue(user=request.user, project_id=pk)
    actions = list(action_list(project=project).filter(done=False)[:5])
    plan = list(communication_list(project=project).filter(done=False)[:5])
    return render(
        request,
        "dialogue/project_dialogue.html",
        _base(
            request,
            project,
            summary=dialogue_summary(project=project),
            meetings=list(meeting_list(project=project)[:5]),
            actions=actions,
            plan=plan,
            grid=stakeholder_grid(project=project),
            can_park=_can_park(request, project),
        ),
    )


# Meetings -----------------------------------------------------------------------------


@require_GET
def meeting_list_view(request: HttpRequest, pk: int) -> HttpResponse:
    project = access_project_dialogue(user=request.user, project_id=pk)
    return render(
        request,
        "dialogue/meeting_list.html",
        _base(request, project, page_obj=_page(request, meeting_list(project=project))),
    )


@require_http_methods(["GET", "POST"])
def meeting_create(request: HttpRequest, pk: int) -> HttpResponse:
    project = access_project_dialogue(user=request.user, project_id=pk, edit=True)
    initial = {"held_on": timezone.localdate(), "internal_participants": [request.user]}
    if request.GET.get("kind"):
        initial["kind"] = request.GET["kind"]
    form = MeetingForm(posted(request), project=project, initial=initial)
    done = submit_form(
        request,
        form,
        lambda data: services.meeting_create(actor=request.user, project=project, **data),
        message=_("The meeting is logged. Add the actions it agreed."),
        to=lambda meeting: reverse("dialogue:meeting_detail", args=[meeting.pk]),
    )
    return done or form_page(request, "dialogue/meeting_form.html", _base(request, project), form)


@require_GET
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = access_meeting(user=request.user, meeting_id=pk)
    meeting = meeting_for_page(meeting_id=meeting.pk)
    project = meeting.project
    context = _base(
        request,
        project,
        meeting=meeting,
        actions=list(meeting_actions(meeting=meeting)),
        can_park=_can_park(request, project),
    )
    if context["can_edit"]:
        context["action_form"] = ActionForm(project=project)
    return render(request, "dialogue/meeting_detail.html", context)


@require_http_methods(["GET", "POST"])
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = access_meeting(user=request.user, meeting_id=pk, edit=True)
    project = meeting.project
    form = MeetingForm(posted(request), project=project, initial=MeetingForm.initial_for(meeting))
    done = submit_form(
        request,
        form,
        lambda data: services.meeting_update(actor=request.user, meeting=meeting, **data),
        message=_("The meeting is updated."),
        to=reverse("dialogue:meeting_detail", args=[meeting.pk]),
    )
    return done or form_page(
        request, "dialogue/meeting_form.html", _base(request, project, meeting=meeting), form
    )


# Actions ------------------------------------------------------------------------------


def _meeting_actions_url(meeting_id: int) -> str:
    return reverse("dialogue:meeting_detail", args=[meeting_id]) + "#actions"


@require_http_methods(["GET", "POST"])
def action_create(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = access_meeting(user=request.user, meeting_id=pk, edit=True)
    project = meeting.project
    form = ActionForm(posted(request), project=project, initial={"owner": request.user})
    done = submit_form(
        request,
        form,
        lambda data: services.action_add(actor=request.user, meeting=meeting, **data),
        message=_("The action is added."),
        to=_meeting_actions_url(meeting.pk),
    )
    return done or form_page(
        request, "dialogue/action_form.html", _base(request, project, meeting=meeting), form
    )


@require_http_methods(["GET", "POST"])
def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    action = access_action(user=request.user, action_id=pk, edit=True)
    meeting = action.meeting
    project = meeting.project
    form = ActionForm(
        posted(request),
        project=project,
        initial={"text": action.text, "owner": action.owner, "due_on": action.due_on},
    )
    done = submit_form(
        request,
        form,
        lambda data: services.action_update(actor=request.user, action=action, **data),
        message=_("The action is updated."),
        to=_meeting_actions_url(meeting.pk),
    )
    return done or form_page(
        request,
        "dialogue/action_form.html",
        _base(request, project, meeting=meeting, action=action),
        form,
    )


def _back(request: HttpRequest, fallback: str) -> str:
    """Return to the list the button was pressed on, but only to a page of this site."""
    target = request.POST.get("next", "")
    return target if target.startswith("/") and not target.startswith("//") else fallback


@require_POST
def action_done(request: HttpRequest, pk: int) -> HttpResponse:
    action: ActionItem = access_action(user=request.user, action_id=pk, edit=True)
    done = request.POST.get("done") != "0"
    services.action_set_done(actor=request.user, action=action, done=done)
    if done:
        messages.success(request, _("“%(action)s” is done.") % {"action": action.text})
    else:
        messages.success(request, _("“%(action)s” is open again.") % {"action": action.text})
    return redirect(_back(request, _meeting_actions_url(action.meeting_id)))


@require_GET
def action_list_view(request: HttpRequest, pk: int) -> HttpResponse:
    project = access_project_dialogue(user=request.user, project_id=pk)
    return render(
        request,
        "dialogue/action_list.html",
        _base(request, project, page_obj=_page(request, action_list(project=project))),
    )


@require_GET
def action_export(request: HttpRequest, pk: int) -> HttpResponse:
    project = access_project_dialogue(user=request.user, project_id=pk)
    content = action_list_xlsx(project=project)
    return file_response(content, filename=f"actions-project-{project.pk}", kind="xlsx")


# Stakeholders -------------------------------------------------------------------------


@require_GET
def stakeholder_list_view(request: HttpRequest, pk: int) -> HttpResponse:
    project = access_project_dialogue(user=request.user, project_id=pk)
    page = _page(request, stakeholder_list(project=project))
    rows = [{"stakeholder": s, "quadrant": stakeholder_quadrant(s)} for s in page]
    return render(
        request,
        "dialogue/stakeholder_list.html",
        _base(request, project, page_obj=page, rows=rows, grid=stakeholder_grid(project=project)),
    )


@require_http_methods(["GET", "POST"])
def stakeholder_create(request: HttpRequest, pk: int) -> HttpResponse:
    project = access_project_dialogue(user=request.user, project_id=pk, edit=True)
    form = StakeholderForm(posted(request))
    done = submit_form(
        request,
        form,
        lambda data: services.stakeholder_create(actor=request.user, project=project, **data),
        message=_("The stakeholder is added."),
        to=reverse("dialogue:stakeholder_list", args=[project.pk]),
    )
    return done or form_page(
        request, "dialogue/stakeholder_form.html", _base(request, project), form
    )


@require_http_methods(["GET", "POST"])
def stakeholder_edit(request: HttpRequest, pk: int) -> HttpResponse:
    stakeholder = access_stakeholder(user=request.user, stakeholder_id=pk, edit=True)
    project = stakeholder.project
    initial = {
        name: getattr(stakeholder, name)
        for name in ("name", "description", "interest", "influence", "strategy")
    }
    form = StakeholderForm(posted(request), initial=initial)
    done = submit_form(
        request,
        form,
        lambda data: services.stakeholder_update(
            actor=request.user, stakeholder=stakeholder, **data
        ),
        message=_("The stakeholder is updated."),
        to=reverse("dialogue:stakeholder_list", args=[project.pk]),
    )
    return done or form_page(
        request,
        "dialogue/stakeholder_form.html",
        _base(request, project, stakeholder=stakeholder),
        form,
    )


@require_http_methods(["GET", "POST"])
def stakeholder_remove(request: HttpRequest, pk: int) -> HttpResponse:
    stakeholder = access_stakeholder(user=request.user, stakeholder_id=pk, edit=True)
    project = stakeholder.project
    list_url = reverse("dialogue:stakeholder_list", args=[project.pk])
    if request.method == "POST":
        services.stakeholder_remove(actor=request.user, stakeholder=stakeholder)
        messages.success(request, _("The stakeholder is removed."))
        return redirect(list_url)
    return render(
        request,
        "dialogue/confirm_remove.html",
        _base(
            request,
            project,
            action=reverse("dialogue:stakeholder_remove", args=[stakeholder.pk]),
            question=_("Remove the stakeholder “%(name)s”?") % {"name": stakeholder.name},
            heading=_("Remove a stakeholder"),
            submit_label=_("Remove the stakeholder"),
            cancel_url=list_url,
        ),
    )


# Communication plan -------------------------------------------------------------------


@require_GET
def communication_list_view(request: HttpRequest, pk: int) -> HttpResponse:
    project = access_project_dialogue(user=request.user, project_id=pk)
    return render(
        request,
        "dialogue/communication_list.html",
        _base(request, project, page_obj=_page(request, communication_list(project=project))),
    )


@require_http_methods(["GET", "POST"])
def communication_create(request: HttpRequest, pk: int) -> HttpResponse:
    project = access_project_dialogue(user=request.user, project_id=pk, edit=True)
    form = CommunicationForm(
        posted(request), project=project, initial={"responsible": request.user}
    )
    done = submit_form(
        request,
        form,
        lambda data: services.communication_create(actor=request.user, project=project, **data),
        message=_("The line is added to the communication plan."),
        to=reverse("dialogue:communication_list", args=[project.pk]),
    )
    return done or form_page(
        request, "dialogue/communication_form.html", _base(request, project), form
    )


@require_http_methods(["GET", "POST"])
def communication_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = access_communication(user=request.user, item_id=pk, edit=True)
    project = item.project
    initial = {
        "stakeholder": item.stakeholder,
        "audience": item.audience,
        "message": item.message,
        "planned_on": item.planned_on,
        "channel": item.channel,
        "responsible": item.responsible,
    }
    form = CommunicationForm(posted(request), project=project, initial=initial)
    done = submit_form(
        request,
        form,
        lambda data: services.communication_update(actor=request.user, item=item, **data),
        message=_("The communication plan is updated."),
        to=reverse("dialogue:communication_list", args=[project.pk]),
    )
    return done or form_page(
        request, "dialogue/communication_form.html", _base(request, project, item=item), form
    )


@require_POST
def communication_done(request: HttpRequest, pk: int) -> HttpResponse:
    item = access_communication(user=request.user, item_id=pk, edit=True)
    done = request.POST.get("done") != "0"
    services.communication_set_done(actor=request.user, item=item, done=done)
    messages.success(
        request,
        _("Marked as done.") if done else _("Marked as not done."),
    )
    return redirect(_back(request, reverse("dialogue:communication_list", args=[item.project_id])))


@require_http_methods(["GET", "POST"])
def communication_remove(request: HttpRequest, pk: int) -> HttpResponse:
    item = access_communication(user=request.user, item_id=pk, edit=True)
    project = item.project
    list_url = reverse("dialogue:communication_list", args=[project.pk])
    if request.method == "POST":
        services.communication_remove(actor=request.user, item=item)
        messages.success(request, _("The line is removed from the communication plan."))
        return redirect(list_url)
    return render(
        request,
        "dialogue/confirm_remove.html",
        _base(
            request,
            project,
            action=reverse("dialogue:communication_remove", args=[item.pk]),
            question=_("Remove “%(line)s” from the communication plan?") % {"line": item},
            heading=_("Remove a line of the communication plan"),
            submit_label=_("Remove the line"),
            cancel_url=list_url,
        ),
    )


# Ideas outside the scope --------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def idea_park(request: HttpRequest, pk: int) -> HttpResponse:
    project = access_project_dialogue(user=request.user, project_id=pk, edit=True)
    initial = {}
    meeting_id = request.GET.get("meeting", "")
    if meeting_id.isdigit():
        initial["meeting"] = Meeting.objects.filter(project=project, pk=int(meeting_id)).first()
    form = IdeaParkForm(posted(request), project=project, initial=initial)

    def back(_idea: object) -> str:
        meeting = form.cleaned_data["meeting"]
        if meeting is not None:
            return reverse("dialogue:meeting_detail", args=[meeting.pk])
        return reverse("dialogue:project_dialogue", args=[project.pk])

    done = submit_form(
        request,
        form,
        lambda data: services.idea_park(actor=request.user, project=project, **data),
        message=_("The idea is kept in the idea bank."),
        to=back,
    )
    return done or form_page(
        request,
        "dialogue/idea_park.html",
        _base(request, project, can_park=_can_park(request, project)),
        form,
    )
