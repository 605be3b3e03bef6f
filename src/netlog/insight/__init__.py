"""Where a network stands, as typed view models: relationship strength, fading
ties, the week in review and the report's figures.

Pure: plain records (``netlog.insight.records``) and an explicit ``today`` in,
frozen dataclasses out; no database, no clock, no terminal. The repository reads
the records; ``netlog.render`` words the figures once (``render.views``) and
shows them on a terminal, as plain text, as JSON or on the report's HTML page
(``render.html``, over ``netlog.report``'s model), so no figure is computed
twice. Standard library only: ``week`` and ``fading`` are daily commands.
"""
