"""The grace banner: how many days an account that must add a second factor has left."""

import datetime as dt

from . import selectors


def tweestaps(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not hasattr(user, "is_verified"):
        return {}
    nodig = request.session.get(selectors.SESSIE_SLEUTEL) or {}
    if user.is_verified() or nodig.get("bevestigen") or not nodig.get("uiterlijk"):
        return {}
    dagen = selectors.dagen_over(dt.date.fromisoformat(nodig["uiterlijk"]))
    return {"tweestaps_dagen_over": dagen} if dagen > 0 else {}
