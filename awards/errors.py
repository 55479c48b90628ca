"""The errors of the awards app, raised by its services and selectors and shown by its views.

Every message is Vietnamese and shown as is.
"""


class AwardsError(Exception):
    """A request the rules refuse; the message is Vietnamese and shown as is."""


class ConcurrentChangeError(AwardsError):
    """Someone else changed the nomination first (HTTP 409)."""


class TransitionError(Exception):
    """A state change outside NOMINATION_TRANSITIONS: a programming error."""


class MissingSettingError(Exception):
    """No rule set or base salary covers the date; the message is Vietnamese."""
