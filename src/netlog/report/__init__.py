"""``netlog report``: one self-contained HTML page with pictures of the network.

``model`` builds the page's view model from plain records (pure; the use case
``network.report`` reads them); ``layout`` places the graph's nodes (networkx,
imported only here). The page itself is a renderer like any other output,
``netlog.render.html``: it draws the charts as inline SVG and the page around
them, escaping every stored string. Nothing on the page loads anything: no
scripts, no fonts, no images from elsewhere, and a Content-Security-Policy that
forbids them.
"""
