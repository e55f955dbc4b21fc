"""The organization side of a workspace: people, units, their history, and rollout phases.

HR leads set the organization up and keep it current with commands instead of
hand-written YAML: ``rollout org import/export`` (an HRIS people export),
``rollout people …``, ``rollout units …`` and ``rollout phases …``. Ids never
change; names, parents and membership do, and the dates they changed are kept
(:mod:`rollout.org.history`) so closed cycles show the organization as it was.
"""
