from django.urls import path

from supple.sessions import views

app_name = "sessions"
urlpatterns = [
    path("session/<slug:routine>/", views.player, name="player"),
    path("api/sessions/", views.log, name="log"),
    path("sw.js", views.service_worker, name="service_worker"),
]
