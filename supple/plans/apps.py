from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "supple.plans"
    label = "plans"
