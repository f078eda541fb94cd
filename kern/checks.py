"""System checks of the site's configuration that every deployment should see."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.compatibility)
def oude_omgevingsnamen(app_configs=None, **kwargs) -> list[checks.Warning]:
    """An environment variable set under a name that was renamed: still read, for one
    release (``OMGEVING_OUDE_NAMEN_GEBRUIKT`` in the settings, new name → old name)."""
    return [
        checks.Warning(
            f"The environment variable {oud} is now called {nieuw}; {oud} is still read "
            "until the next release.",
            hint=f"Rename {oud} to {nieuw} in the environment or .env.",
            id="kern.W001",
        )
        for nieuw, oud in getattr(settings, "OMGEVING_OUDE_NAMEN_GEBRUIKT", {}).items()
    ]
