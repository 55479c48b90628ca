"""The errors of the awards app, raised by its services and selectors and shown by its views.

Every message is Vietnamese and shown as is.
"""

from config.workflow import TransitionRefused


class AwardsError(Exception):
    """A request the rules refuse; the message is Vietnamese and shown as is."""


class ConcurrentChangeError(AwardsError):
    """Someone else changed the nomination first (HTTP 409)."""


class TransitionError(TransitionRefused):
    """A nomination's move outside its workflow's table (`NOMINATION_WORKFLOW`)."""


class MissingSettingError(Exception):
    """No rule set or base salary covers the date; the message is Vietnamese."""
