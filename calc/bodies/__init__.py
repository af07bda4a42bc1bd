"""Other certifying bodies (ACE, NASM, NSCA...): their rules as typed objects (``model``) and
the tally of one activity log against them (``tally``), apart from ACSM's engine."""
