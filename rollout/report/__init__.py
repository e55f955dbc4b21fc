"""Reports: one view model (:mod:`.viewmodel`), the static site (:mod:`.site`, :mod:`.build`)
and the PDF review packs (:mod:`.packs`). Charts (:mod:`.charts`) and user Markdown
(:mod:`.markdown`) are shared by both outputs.

Nothing here is imported by ``rollout check`` or a check-in but :mod:`.formats` (plain
Python, the one set of formatters the terminal shares with the site and packs): the
renderer loads only when a report is built.
"""
