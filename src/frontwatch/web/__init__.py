"""frontwatch's web UI: server-rendered pages over the same service as the API.

``install(app)`` adds the pages under ``/ui/`` and the static files under
``/static/``. See docs/web.md.
"""

from frontwatch.web.views import install

__all__ = ["install"]
