"""People without a terminal: form pages in the site, printable sheets, and one door back in.

- :mod:`.spec` turns a questionnaire (the same YAML as the terminal prompts) and the
  running cycle's key results into what a form shows: questions, options, conditions,
  people and units;
- :mod:`.pages` renders ``forms/*.html`` into the built site (and, with the packs, the
  printable ``forms/*.pdf`` sheets through the packs' renderer);
- :mod:`.collect` reads the files the forms download (and typed-back sheets in the same
  format), works out what each is, validates it and writes it into the workspace;
- :mod:`.server` lets ``rollout serve --collect`` take submissions straight from the forms.

Importing this package costs nothing: every module is loaded when used.
"""
