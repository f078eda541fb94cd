"""Who may make the yearly reports: the coordinator and the secretariat."""

import rules

from kern.rechten import modelrecht

rules.add_perm("rapportage.jaarverslag_maken", modelrecht("rapportage.export_jaarverslag"))
