from rollout.cli import run

run()
