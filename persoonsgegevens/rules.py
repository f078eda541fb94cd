"""Who may gather a person's data, ask or confirm their erasure, and edit the privacy
statement: the secretariat, who keeps the participants. (That the confirmer is not the
requester is no role but an invariant of the request: ``Wisverzoek``'s constraint and
``services.wissen_bevestigen``.)"""

import rules

from kern.rechten import modelrecht

secretariaat = modelrecht("werkgroep.change_deelnemer")

rules.add_perm("persoonsgegevens.uitvoeren", secretariaat)
rules.add_perm("persoonsgegevens.wissen", secretariaat)
rules.add_perm("persoonsgegevens.privacy_bewerken", secretariaat)
