"""Lessons learned: list and search, read, record from a project."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from handslag.core.forms import add_service_error
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
    form = LessonForm(request.POST if request.method == "POST" else None, project=project)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            lesson = services.lesson_create(
                actor=request.user,
                organisation=project.organisation,
                project=project,
                stage=data["stage"],
                title=data["title"],
                design=data["design"],
                execution=data["execution"],
                results=data["results"],
                tags=data["tags"],
                visibility=data["visibility"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The lesson is recorded."))
            return redirect("knowledge:lesson_detail", pk=lesson.pk)
    return render(
        request,
        "knowledge/lesson_form.html",
        {"form": form, "project": project},
        status=400 if form.errors else 200,
    )
