from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "supple.reminders"
    label = "reminders"
    verbose_name = "Reminders"
