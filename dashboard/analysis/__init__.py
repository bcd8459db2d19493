"""Each page's questions answered from the store: one module per page, named as the page."""
