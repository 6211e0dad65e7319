"""``python -m practicemodel`` runs the command line."""

from practicemodel.cli import run

run()
