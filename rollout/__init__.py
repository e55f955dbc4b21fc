"""rollout: a guided OKR rollout assistant.

The package is a library first; :mod:`rollout.cli` is a thin command line over it.
The pipeline reads top to bottom in the package layout:

- :mod:`rollout.workspace`: the files of one organization (load, validate, write)
- :mod:`rollout.rules`: quality rules for OKRs (``rollout check``)
- :mod:`rollout.questionnaire`: questionnaires as data, asked or replayed
- :mod:`rollout.flows`: drafting, check-ins, reviews, closing a cycle
- :mod:`rollout.metrics`: scores, status, rollout metrics, phase gates
- :mod:`rollout.report`: the view model, the static site and the PDF packs
"""

__version__ = "0.1.0"
