from django.apps import AppConfig


class ProgressConfig(AppConfig):
    name = "supple.progress"
    label = "progress"
