"""Which status may follow which, for research topics and studies (see portal/core/transitions.py)."""

from portal.core.transitions import state_machine
from portal.research.models import StudyStatus, TopicStatus

TOPIC = state_machine(
    "research.Topic", TopicStatus, {TopicStatus.PROPOSED: {TopicStatus.ACTIVE}, TopicStatus.ACTIVE: set()}
)
# Findings are published once, for a study that has been opened (closed or still open).
STUDY = state_machine(
    "research.Study",
    StudyStatus,
    {
        StudyStatus.DRAFT: {StudyStatus.OPEN},
        StudyStatus.OPEN: {StudyStatus.CLOSED, StudyStatus.PUBLISHED},
        StudyStatus.CLOSED: {StudyStatus.PUBLISHED},
        StudyStatus.PUBLISHED: set(),
    },
)
