from django.core.exceptions import ValidationError


class ActionRefused(ValidationError):
    """A service refused a change (an invalid transition, a duplicate, a closed window).

    Views show its message to the user; nothing has been saved when it is raised.
    """
