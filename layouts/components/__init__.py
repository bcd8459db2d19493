"""Pieces more than one page uses: the site frame, published charts, text and values, and
settings controls. No page module imports another page's module; what two pages share is here."""
