"""The real client address, for login protection behind a reverse proxy.

X-Forwarded-For is believed only when the request comes from a proxy listed in
settings.VERTROUWDE_PROXIES, and then only its last entry: the address that proxy
itself saw. Anyone else can write anything in that header.
"""

from django.conf import settings


def client_ip(request) -> str:
    direct = request.META.get("REMOTE_ADDR", "")
    if direct in settings.VERTROUWDE_PROXIES:
        doorgestuurd = [d.strip() for d in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if doorgestuurd and doorgestuurd[-1]:
            return doorgestuurd[-1]
    return direct
