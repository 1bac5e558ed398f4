"""Compress pages with brotli when the browser accepts it, gzip otherwise.

Django's GZipMiddleware decides whether a response may be compressed (size, an existing
Content-Encoding, Vary, weak ETags, streaming); brotli only takes over for whole (non-streaming)
responses, where it saves about a fifth more than gzip on HTML. Static files never come here:
WhiteNoise, above this middleware, serves them already compressed.
"""

import brotli
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import patch_vary_headers
from django.utils.regex_helper import _lazy_re_compile

re_accepts_brotli = _lazy_re_compile(r"\bbr\b")

# Quality 5 compresses HTML better than gzip -9 at a fraction of brotli 11's CPU time.
BROTLI_QUALITY = 5


class CompressionMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        accepts_brotli = re_accepts_brotli.search(request.META.get("HTTP_ACCEPT_ENCODING", ""))
        if (
            not accepts_brotli
            or response.streaming
            or len(response.content) < 200
            or response.has_header("Content-Encoding")
        ):
            return super().process_response(request, response)

        patch_vary_headers(response, ("Accept-Encoding",))
        compressed = brotli.compress(response.content, quality=BROTLI_QUALITY, mode=brotli.MODE_TEXT)
        if len(compressed) >= len(response.content):
            return response
        response.content = compressed
        response.headers["Content-Length"] = str(len(compressed))
        etag = response.get("ETag")
        if etag and etag.startswith('"'):
            response.headers["ETag"] = "W/" + etag
        response.headers["Content-Encoding"] = "br"
        return response
