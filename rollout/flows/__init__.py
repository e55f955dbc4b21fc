"""The facilitator's and the teams' flows: drafting, check-ins, reviews, close and next, status.

Each flow has a pure part (plan what to ask, turn answers into records) that the
tests and the ``--answers`` files use, and a thin interactive part on top of
:mod:`rollout.prompting`. Writes go through :mod:`rollout.workspace.editing`.
"""
