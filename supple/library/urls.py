from django.urls import path

from supple.library import views

app_name = "library"
urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:exercise_id>/", views.detail, name="detail"),
    path("<slug:exercise_id>/figure.svg", views.figure, name="figure"),
    path("<slug:exercise_id>/<str:side>-<str:still>.svg", views.still, name="still"),
]
