from django.apps import AppConfig
from django.db.models.signals import post_migrate


class OrganisationConfig(AppConfig):
    name = "organisation"
    verbose_name = "Organisation: districts, people and roles"

    def ready(self) -> None:
        from organisation.roles import sync_role_groups

        # Runs after every app's migrations, so permissions added by later apps
        # reach their roles without a hand-written data migration.
        post_migrate.connect(sync_role_groups, dispatch_uid="organisation.sync_role_groups")
