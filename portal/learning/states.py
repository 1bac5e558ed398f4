"""Which status may follow which, for resources and learning paths (see portal/core/transitions.py)."""

from portal.core.transitions import state_machine
from portal.learning.models import Status

_PUBLISHING = {Status.DRAFT: {Status.PUBLISHED}, Status.PUBLISHED: {Status.DRAFT}}
RESOURCE = state_machine("learning.Resource", Status, _PUBLISHING)
PATH = state_machine("learning.LearningPath", Status, _PUBLISHING)
