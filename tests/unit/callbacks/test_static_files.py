"""Static files: compressed with the best codec offered, and revalidated with 304."""

from __future__ import annotations

import brotli
from flask.testing import FlaskClient

from callbacks.static_files import offered_codec


def test_the_best_offered_codec_is_chosen() -> None:
    assert offered_codec("gzip, deflate, br, zstd") == "br"
    assert offered_codec("gzip;q=1.0, identity") == "gzip"
    assert offered_codec("identity") is None and offered_codec("") is None


def test_assets_come_brotli_compressed_and_revalidate_with_304(client: FlaskClient) -> None:
    raw = client.get("/assets/site.css", headers={"Accept-Encoding": "identity"})
    first = client.get("/assets/site.css", headers={"Accept-Encoding": "gzip, br"})
    assert first.status_code == 200 and first.headers["Content-Encoding"] == "br"
    assert brotli.decompress(first.get_data()) == raw.get_data()
    again = client.get("/assets/site.css", headers={
        "Accept-Encoding": "gzip, br", "If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and not again.get_data()
    # The same file in another codec is another version for caches.
    gzipped = client.get("/assets/site.css", headers={
        "Accept-Encoding": "gzip", "If-None-Match": first.headers["ETag"]})
    assert gzipped.status_code == 200 and gzipped.headers["Content-Encoding"] == "gzip"
