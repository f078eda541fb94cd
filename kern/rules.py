"""Who may read the access log: who holds its model's view permission (the secretariat,
``werkgroep/rollen.py``)."""

import rules

from kern.rechten import modelrecht

rules.add_perm("kern.inzage_bekijken", modelrecht("kern.view_inzage"))
