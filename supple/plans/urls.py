from django.urls import path

from supple.plans import views

app_name = "plans"
urlpatterns = [
    path("", views.current, name="current"),
    path("start/", views.start, name="start"),
    path("start/<slug:name>/", views.step, name="step"),
    path("history/", views.history, name="history"),
    path("<uuid:plan_id>/", views.detail, name="detail"),
]
