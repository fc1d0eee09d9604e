"""Shapes of the knowledge API's requests and answers."""

import datetime as dt

from ninja import Field, Schema

from handslag.knowledge.models import Lesson


class LessonOut(Schema):
    id: int
    title: str
    design: str
    execution: str
    results: str
    tags: str
    visibility: str
    organisation_id: int
    organisation: str
    project_id: int | None
    stage_id: int | None
    created_at: dt.datetime

    @staticmethod
    def resolve_organisation(obj: Lesson) -> str:
        return obj.organisation.name


class LessonIn(Schema):
    title: str = Field(..., max_length=200)
    design: str = Field("", max_length=5000)
    execution: str = Field("", max_length=5000)
    results: str = Field("", max_length=5000)
    tags: str = Field("", max_length=300)
    visibility: str = Field("organisation", max_length=20)
    project_id: int | None = None
    stage_id: int | None = None
    organisation_id: int | None = Field(
        None, description="Needed only for a lesson outside a project."
    )


class ErrorOut(Schema):
    detail: str
