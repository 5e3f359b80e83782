"""Many plans -> one regional picture: gather the inbox, the context, grids, roll-up, summary, archive and history."""
