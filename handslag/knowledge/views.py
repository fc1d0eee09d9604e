"""Lessons learned: list and search, read, record from a project."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from handslag.core.forms import form_page, posted, submit_form
from handslag.knowledge import services
from handslag.knowledge.forms import LessonForm, LessonSearchForm
from handslag.knowledge.permissions import access_lesson, access_project_for_lesson
from handslag.knowledge.selectors import lesson_list_visible
from handslag.projects.permissions import can_view_project

PAGE_SIZE = 25


@require_GET
def lesson_list(request: HttpRequest) -> HttpResponse:
    form = LessonSearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    page = Paginator(lesson_list_visible(user=request.user, query=query), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "knowledge/lesson_list.html",
        {
            "form": form,
            "query": query,
            "page_obj": page,
            "page_query": urlencode({"q": query}) if query else "",
        },
    )


@require_GET
def lesson_detail(request: HttpRequest, pk: int) -> HttpResponse:
    lesson = access_lesson(user=request.user, lesson_id=pk)
    project_visible = lesson.project is not None and can_view_project(
        user=request.user, project=lesson.project
    )
    return render(
        request,
        "knowledge/lesson_detail.html",
        {"lesson": lesson, "project_visible": project_visible},
    )


@require_http_methods(["GET", "POST"])
def lesson_create(request: HttpRequest, project_pk: int) -> HttpResponse:
    project = access_project_for_lesson(user=request.user, project_id=project_pk)
    form = LessonForm(posted(request), project=project)
    done = submit_form(
        request,
        form,
        lambda data: services.lesson_create(
            actor=request.user, organisation=project.organisation, project=project, **data
        ),
        message=_("The lesson is recorded."),
        to=lambda lesson: reverse("knowledge:lesson_detail", args=[lesson.pk]),
    )
    return done or form_page(request, "knowledge/lesson_form.html", {"project": project}, form)
