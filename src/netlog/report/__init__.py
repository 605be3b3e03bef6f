"""``netlog report``: one self-contained HTML page with pictures of the network.

``model`` builds the page's view model from plain records (pure); ``layout``
places the graph's nodes (networkx, imported only here); ``page`` draws the
charts as inline SVG and the page around them, escaping every stored string.
Nothing on the page loads anything: no scripts, no fonts, no images from
elsewhere, and a Content-Security-Policy that forbids them.
"""
