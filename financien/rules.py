"""Who may do what with the ledger: the coordinator reads it, the secretariat keeps it."""

import rules

from kern.rechten import modelrecht

rules.add_perm("financien.kosten_lezen", modelrecht("financien.view_kostenpost"))
rules.add_perm("financien.kosten_toevoegen", modelrecht("financien.add_kostenpost"))
rules.add_perm("financien.kosten_beheren", modelrecht("financien.change_kostenpost"))
