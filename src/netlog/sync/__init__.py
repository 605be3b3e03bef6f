"""Two-way sync of contacts and reminders with vdir folders (``netlog sync``).

A vdir is a folder with one ``.vcf`` or ``.ics`` file per item, kept in step
with a CardDAV/CalDAV server by vdirsyncer, as khard, khal and todoman do:
netlog never opens a socket. ``contacts`` merges an address-book folder with
netlog's contacts (three ways, field by field, against what both sides held at
the last sync); ``tasks`` writes every due item as a VTODO and reads back what
was completed or moved elsewhere; ``service`` runs both in one unit of work.

Loaded only by ``netlog sync``: nothing here is on a daily command's path.
"""
