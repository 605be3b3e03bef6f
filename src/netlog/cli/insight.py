"""Commands about where the network stands: fading, week, report."""

from __future__ import annotations

from typing import Annotated

import typer

from netlog.cli.common import past_date, state, today
from netlog.cli.completion import complete_tag
from netlog.cli.root import app

Json = Annotated[bool, typer.Option("--json", help="Print JSON (schema in the README).")]


@app.command(epilog="Examples: netlog fading; netlog fading --tag python --limit 5 --json")
def fading(
    ctx: typer.Context,
    tag: Annotated[
        str | None,
        typer.Option(
            "--tag", help="Only contacts with this tag.", metavar="TAG", autocompletion=complete_tag
        ),
    ] = None,
    limit: Annotated[
        int | None, typer.Option("--limit", "-n", help="At most the N strongest.", metavar="N")
    ] = None,
    json: Json = False,
) -> None:
    """People you are drifting away from, strongest first, with what to do."""
    from netlog import network, render

    day = today()
    ties = network.fading(state(ctx).repo(), today=day, tag=tag, limit=limit)
    if json:
        render.print_json(render.fading_json(ties))
    elif not ties:
        render.message(
            "No fading ties: everyone is within their usual rhythm and holding their strength."
        )
    else:
        render.fading(ties, day)


@app.command(epilog="Examples: netlog week; netlog week --since 'last monday'; netlog week --json")
def week(
    ctx: typer.Context,
    since: Annotated[
        str | None,
        typer.Option(
            "--since", help="The first day to review (default 6 days ago).", metavar="DATE"
        ),
    ] = None,
    json: Json = False,
) -> None:
    """The week in review: who you reached, give and take, asks, introductions, trends."""
    from netlog import network, render

    day = today()
    start = past_date(since, day, "--since")
    review = network.week(state(ctx).repo(), today=day, since=start)
    if json:
        render.print_json(render.week_json(review))
    else:
        render.week(review, day)


@app.command(epilog="Examples: netlog report -o network.html; netlog report -o - > page.html")
def report(
    ctx: typer.Context,
    output: Annotated[
        str,
        typer.Option(
            "--output",
            "-o",
            help="Where to write the page (a file, or - for stdout).",
            metavar="FILE.html",
        ),
    ],
) -> None:
    """One offline HTML page: a year of conversations, your network, give and take, due items."""
    from netlog import network, render
    from netlog.render.html import page

    view = network.report(state(ctx).repo(), today=today())
    render.write_output(page(view), None if output == "-" else output, "network.html")
