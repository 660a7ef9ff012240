"""Name matching and screening."""

# The score at or above which a screening result is an alert (see docs/screening.md).
DEFAULT_THRESHOLD = 0.70
