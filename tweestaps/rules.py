"""Who manages second factors: every account its own; the secretariat resets another's lost
one (``factoren_herstellen``), never its own (that is the profile page's) and a superuser's
only as a superuser (else a secretariat account could strip the strongest account of its
second factor). That the session doing it is itself confirmed with a second factor is no
role but the session's: the admin page checks it (``tweestaps/beheer.py``)."""

import rules

from kern.rechten import modelrecht

secretariaat = modelrecht("auth.change_user")


@rules.predicate
def eigen_account(user, account) -> bool:
    return account is not None and account.pk == user.pk


@rules.predicate
def superuser_account(user, account) -> bool:
    return account is not None and account.is_superuser


rules.add_perm("tweestaps.eigen_factoren_beheren", rules.is_authenticated)
rules.add_perm(
    "tweestaps.factoren_herstellen",
    secretariaat & ~eigen_account & (~superuser_account | rules.is_superuser),
)
