"""frontwatch's HTTP API: yente-compatible matching, entities, batches, audit trail.

Build the app with ``frontwatch.api.app.create_app``; run it with
``frontwatch serve``. See docs/api.md.
"""
