"""The data a session's page and its PDF report show, chart included."""

from . import selectors
from .grafiek import scores_svg


def sessie_context(user, sessie) -> dict:
    """Plain data: the session, the subgroups this user may see scored, the rows, the chart."""
    overzicht = selectors.sessie_overzicht(user, sessie)
    if overzicht["zichtbare_subgroepen"] and overzicht["criteria"]:
        overzicht["grafiek"] = scores_svg(
            overzicht["criteria"], overzicht["zichtbare_subgroepen"], overzicht["rijen"]
        )
    return overzicht
