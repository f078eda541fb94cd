"""Who may gather a person's data, and who edits the privacy statement: the secretariat, who
keeps the participants."""

import rules

from kern.rechten import modelrecht

rules.add_perm("persoonsgegevens.uitvoeren", modelrecht("werkgroep.change_deelnemer"))
rules.add_perm("persoonsgegevens.privacy_bewerken", modelrecht("werkgroep.change_deelnemer"))
