"""The revisions of the store's schema, oldest first (``0001_baseline`` creates every table)."""
