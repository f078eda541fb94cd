"""Who may do what with invitations: the secretariat invites and follows up failed mail;
the coordinator and the secretariat see who answered what (a member only the numbers)."""

import rules

from kern.rechten import modelrecht

rules.add_perm("uitnodigingen.uitnodigingen_sturen", modelrecht("uitnodigingen.uitnodigen"))
rules.add_perm("uitnodigingen.antwoorden_zien", modelrecht("uitnodigingen.view_uitnodiging"))
rules.add_perm("uitnodigingen.mislukte_mail_opvolgen", modelrecht("uitnodigingen.mail_opvolgen"))
