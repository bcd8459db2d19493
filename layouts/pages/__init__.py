"""One module a page, named as the page in every layer: its dash.register_page (address, title,
order, description), its component ids and its `layout(**query)`. Dash Pages imports each
module when the app is built (app.create_app)."""
