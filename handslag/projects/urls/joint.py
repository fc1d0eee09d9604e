"""The joint-project page, addressed under a need statement (included at needs/).

Its own namespace: the page is projects', the address stays the need's.
"""

from django.urls import path

from handslag.projects.views.joint_projects import need_joint_project

app_name = "joint_projects"

urlpatterns = [
    path("statements/<int:pk>/joint-project/", need_joint_project, name="need_joint_project"),
]
