"""Free texts a person types (a fiche's sections, minutes, remarks, comments): a limit for
each, stated on every form and checked again by the model.

Why a limit at all: a text is compared with its other versions (``kern.versies``), shown
in the admin and rendered into PDFs, and a member once saved a megabyte in one field.
100,000 characters is some forty pages, twice the longest minutes the group writes. A
field may set a smaller one (``max_tekens``: a fiche's section, ``projecten.models``, since
the fiche is printed as one PDF on request and WeasyPrint lays out some twenty pages a second).
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import formats
from django.utils.deconstruct import deconstructible
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

#: The most characters a free text may hold, in every form, the admin and an import.
TEKST_MAX = 100_000


def _getal(n: int) -> str:
    return formats.number_format(n, force_grouping=True)


@deconstructible
class TekstLengteValidator(MaxLengthValidator):
    """At most ``limit_value`` characters; the message counts both, Belgian style."""

    message = _(
        "Deze tekst telt %(show_value)s tekens; er passen er hoogstens %(limit_value)s in "
        "een veld. Kort hem in of bewaar het lange deel als vergaderstuk of bijlage."
    )

    def __call__(self, value) -> None:
        lengte = self.clean(value)
        if self.compare(lengte, self.limit_value):
            raise ValidationError(
                self.message,
                code=self.code,
                params={"limit_value": _getal(self.limit_value), "show_value": _getal(lengte)},
            )


def _grens(max_tekens: int) -> str:
    return str(_("Hoogstens %(max)s tekens.") % {"max": _getal(max_tekens)})


#: "Hoogstens 100.000 tekens.", in the language of the request.
grens = lazy(_grens, str)


def hulptekst(eigen="", max_tekens: int = TEKST_MAX) -> str:
    """A field's own help text followed by the limit."""
    return format_lazy("{} {}", eigen, grens(max_tekens)) if eigen else grens(max_tekens)


class Tekstveld(forms.CharField):
    """The form field of a free text: the limit in its help text, and the Dutch message when
    more is sent, with the text kept in the field.

    No ``maxlength`` on the textarea: a browser cuts a longer paste off there without a
    word, and what was cut is lost; the server's refusal says why and loses nothing."""

    widget = forms.Textarea

    def __init__(self, *, help_text="", max_tekens: int = TEKST_MAX, **kwargs):
        kwargs.pop("max_length", None)
        super().__init__(help_text=hulptekst(help_text, max_tekens), **kwargs)
        self.max_length = max_tekens
        self.validators.append(TekstLengteValidator(max_tekens))


class VrijeTekst(models.TextField):
    """A model's free text: ``max_tekens`` characters at most, :data:`TEKST_MAX` unless said
    (``full_clean``, so the admin, an import and a service all refuse more), its form field
    a :class:`Tekstveld` stating the same limit.

    The database column stays ``text``: changing the limit needs no schema change.
    """

    def __init__(self, *args, max_tekens: int = TEKST_MAX, **kwargs):
        kwargs.pop("max_length", None)
        self.max_tekens = max_tekens
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.max_tekens != TEKST_MAX:
            kwargs["max_tekens"] = self.max_tekens
        return name, path, args, kwargs

    @property
    def validators(self):
        return [*super().validators, TekstLengteValidator(self.max_tekens)]

    def formfield(self, **kwargs):
        return super().formfield(
            **{
                "form_class": Tekstveld,
                "widget": forms.Textarea,
                "max_tekens": self.max_tekens,
                **kwargs,
            }
        )
