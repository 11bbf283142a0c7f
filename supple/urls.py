from django.urls import include, path

urlpatterns = [
    path("", include("supple.web.urls")),
    path("", include("supple.sessions.urls")),
    path("", include("supple.progress.urls")),
    path("accounts/", include("supple.accounts.urls")),
    path("plan/", include("supple.plans.urls")),
    path("exercises/", include("supple.library.urls")),
    path("", include("supple.reminders.urls")),
]
