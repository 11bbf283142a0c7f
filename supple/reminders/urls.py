from django.urls import path

from supple.reminders import views

app_name = "reminders"
urlpatterns = [
    path("reminders/", views.reminder_settings, name="settings"),
    path("reminders/channel/", views.channel, name="channel"),
    path("reminders/calendar/new-link/", views.new_calendar_link, name="new_calendar_link"),
    path("reminders/schedule.json", views.schedule, name="schedule"),
    path("reminders/shown/", views.shown, name="shown"),
    path("reminders/free-now/", views.free_now, name="free_now"),
    path("reminders/<uuid:public_id>/open/", views.open_reminder, name="open"),
    path("reminders/<uuid:public_id>/<slug:action>/", views.act, name="act"),
    path("reminders/from-calendar/<slug:kind>/<int:timestamp>/", views.from_calendar, name="from_calendar"),
    path("reminders/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("calendar/<str:token>.ics", views.feed, name="feed"),
]
