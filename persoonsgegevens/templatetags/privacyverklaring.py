"""``{% privacyadres %}``: the privacy page's absolute address, for mail. Built as the mails
build their other links (``SITE_ADRES`` and the URL), since mail leaves without a request."""

from django import template
from django.conf import settings
from django.urls import reverse

register = template.Library()


@register.simple_tag
def privacyadres() -> str:
    return settings.SITE_ADRES.rstrip("/") + reverse("persoonsgegevens:privacy")
