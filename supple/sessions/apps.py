from django.apps import AppConfig


class SessionsConfig(AppConfig):
    name = "supple.sessions"
    label = "sessions_log"  # "sessions" is Django's own session app
    verbose_name = "Exercise sessions"
