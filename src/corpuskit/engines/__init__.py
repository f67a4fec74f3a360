"""How the stages run: ``local`` maps a stage's pure function over its items in this
process or in worker processes; a distributed engine would map the same functions."""
