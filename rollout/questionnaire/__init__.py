"""Questionnaires as data: readiness assessments, checklists and retrospectives.

:mod:`.model` (the file format), :mod:`.loader` (bundled and workspace questionnaires),
:mod:`.prompts` (question → questionary), :mod:`.answers` (answer sources, checks, saving),
:mod:`.session` (one respondent's run), :mod:`.scoring` (scores, bands, strategy) and
:mod:`.report` (all respondents together).
"""
