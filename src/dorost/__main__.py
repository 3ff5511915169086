from dorost.cli import run

run()
