"""``netlog capture``: interactions from the mail and calendars you keep on disk.

``sources`` finds what a path holds (Maildirs, mbox files, ``.eml`` files,
``.ics`` files and vdirs) and reads it as a stream; ``mail`` and ``ical`` turn
one message's headers or one calendar into plain facts; ``rules`` decides, pure,
what each fact counts as; ``service`` runs it all in one unit of work. Only the
``capture`` command imports this package (``email`` parsing and ``icalendar``
stay off the daily path).
"""
