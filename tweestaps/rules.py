"""Who manages second factors: every account its own, nobody another's (the secretariat
resets a lost one with ``manage.py tweestaps_herstellen``)."""

import rules

rules.add_perm("tweestaps.eigen_factoren_beheren", rules.is_authenticated)
