from django.contrib.admin.apps import AdminConfig


class WerkgroepAdminConfig(AdminConfig):
    """Makes the project's own admin site the default one, so every app registers there."""

    default_site = "config.admin.WerkgroepAdminSite"
