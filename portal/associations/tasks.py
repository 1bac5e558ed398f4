import logging

from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.associations.imports import run_import
from portal.associations.models import ImportStatus, MemberImport

logger = logging.getLogger(__name__)


@task
def process_member_import(*, import_id: int) -> str:
    """Check and import one uploaded member file (in the worker at scale)."""
    member_import = MemberImport.objects.get(pk=import_id)
    try:
        return run_import(member_import).status
    except Exception:
        # Never leave an import "processing" for ever: record the failure, keep the trace in the logs.
        logger.exception("Member import %s failed", import_id)
        MemberImport.objects.filter(pk=import_id).update(
            status=ImportStatus.FAILED,
            finished_at=timezone.now(),
            errors=[
                {
                    "row": None,
                    "field": None,
                    "message": str(
                        _("The file could not be processed. Nothing was imported; please try again or contact support.")
                    ),
                }
            ],
        )
        return ImportStatus.FAILED
