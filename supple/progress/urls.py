from django.urls import path

from supple.progress import views

app_name = "progress"
urlpatterns = [
    path("checkin/", views.checkin, name="checkin"),
    path("activities/", views.activities, name="activities"),
    path("activities/add/", views.add_activity, name="add_activity"),
    path("activities/<uuid:public_id>/rename/", views.rename_activity, name="rename_activity"),
    path("activities/<uuid:public_id>/archive/", views.archive_activity, name="archive_activity"),
    path("progress/", views.index, name="index"),
]
