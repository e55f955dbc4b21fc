"""The static site: plan pages, render them (in parallel), write what changed, check links.

- :mod:`.pages`: the pages of a site and what each depends on (for incremental builds);
- :mod:`.render`: the Jinja environment and the parallel renderer;
- :mod:`.output`: the build folder (safe location, manifest, assets);
- :mod:`.links`: the link checker (internal links and anchors, no external URL);
- :mod:`.serve`: local preview that rebuilds on change.
"""
