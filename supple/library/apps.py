from django.apps import AppConfig
from django.core import checks


class LibraryConfig(AppConfig):
    name = "supple.library"
    label = "library"

    def ready(self) -> None:
        from supple.library.catalogue import check_library

        checks.register(check_library)
