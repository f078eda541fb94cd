"""The admin's stale-save guard (``kern.verouderd``) for a site page's forms: the same
snapshot, the same per-field merge and the same conflict shown with both values."""

from __future__ import annotations

from . import versies
from .verouderd import BewaakteFormset, bewaakt_formulier


def site_formulier(form: type, *, aanvrager) -> type:
    """A site page's model form with the admin's guard; ``aanvrager`` (the user saving) is
    told apart from the others who saved in between."""
    klasse = bewaakt_formulier(form)
    return type(klasse.__name__, (klasse,), {"aanvrager": aanvrager})


def site_formset(formset: type, *, aanvrager, ouder) -> type:
    """A site page's inline formset whose every row guards itself, as an admin inline's;
    ``ouder`` is the record the rows belong to (``None`` for a new one)."""
    form = type(
        formset.form.__name__,
        (bewaakt_formulier(formset.form),),
        {"aanvrager": aanvrager, "verouderd_rij": True, "verouderd_ouder": ouder},
    )
    return type(formset.__name__, (BewaakteFormset, formset), {"form": form})


def samenvoegmeldingen(*formulieren) -> list[str]:
    """After a save: per form what others changed in between and was kept (for messages)."""
    meldingen = []
    for formulier in formulieren:
        samenvoeging = getattr(formulier, "verouderd_samenvoeging", None)
        if samenvoeging is not None:
            melding = versies.samenvoegmelding(samenvoeging, formulier.verouderd_labels())
            if melding:
                meldingen.append(melding)
    return meldingen
