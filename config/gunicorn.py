"""gunicorn's settings for the site: ``gunicorn -c config/gunicorn.py config.wsgi …``.

gunicorn believes ``X-Forwarded-Proto: https`` from the addresses in its
``forwarded_allow_ips`` and then tells Django the request came in over https. Its default
is 127.0.0.1, so without a proxy anything on the machine could claim https (and get the
secure cookies and the HSTS answer meant for it). Here that list is the site's own
``VERTROUWDE_PROXIES``, read by the settings (the environment or ``.env``): empty, nobody.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the project, for config

from config.settings import VERTROUWDE_PROXIES  # noqa: E402

forwarded_allow_ips = ",".join(VERTROUWDE_PROXIES)
