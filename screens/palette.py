"""The app-wide colour variables every screen's CSS uses (`$coach`, `$client`, ...).

Every sessionkit app (the main app, the recovery app, the unlock app) gets them through
`TellsCrash.get_theme_variable_defaults`, so no screen meets an undefined variable."""

from __future__ import annotations

PALETTE = {
    "coach": "primary",  # who speaks: the coach ...
    "client": "success",  # ... and the client, the same on every screen
    "share-good": "success",  # the client had most of the talk (review: at least two thirds)
    "share-low": "error",  # the coach had most of it (under half)
}
"""App-wide colour variables (`$coach`, ...) and the theme colour each takes by default; a
theme may set its own (`Theme(variables={"coach": ...})`)."""
