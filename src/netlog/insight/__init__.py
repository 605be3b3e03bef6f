"""Where a network stands, as typed view models: relationship strength, fading
ties, the week in review and the report's figures.

Pure: plain records (``netlog.insight.records``) and an explicit ``today`` in,
frozen dataclasses out; no database, no clock, no terminal. The repository reads
the records, the renderers (``netlog.render`` for the terminal, plain text and
JSON; ``netlog.report`` for the HTML page) print the view models, so no figure
is computed twice. Standard library only: ``week`` and ``fading`` are daily
commands.
"""
