"""URLs of 督办: notices, requests and the reminder ladder."""

from django.urls import path

from luoshi_web.supervision import views

app_name = "supervision"
urlpatterns = [
    path("notices/", views.notices, name="notices"),
    path("notices/new", views.notice_create, name="notice_create"),
    path("notices/<int:pk>/", views.notice_detail, name="notice"),
    path("notices/<int:pk>/act", views.notice_act, name="notice_act"),
    path("notices/<int:pk>/download.<str:fmt>", views.notice_download, name="notice_download"),
    path("requests/", views.requests, name="requests"),
    path("requests/new", views.request_create, name="request_create"),
    path("requests/<int:pk>/decide", views.request_decide, name="request_decide"),
    path("ladder/", views.ladder, name="ladder"),
]
