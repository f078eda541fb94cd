"""Who may gather a person's data: the secretariat, who keeps the participants."""

import rules

from kern.rechten import modelrecht

rules.add_perm("persoonsgegevens.uitvoeren", modelrecht("werkgroep.change_deelnemer"))
