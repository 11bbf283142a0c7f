from django.urls import include, path

urlpatterns = [
    path("", include("supple.web.urls")),
    path("exercises/", include("supple.library.urls")),
]
