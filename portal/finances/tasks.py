import logging

from django.tasks import task
from django.utils.translation import gettext as _

from portal.core.errors import ActionRefused
from portal.finances import services
from portal.finances.models import BookImport

logger = logging.getLogger(__name__)


@task
def process_book_import(*, import_id: int) -> str:
    """Check and import one uploaded spreadsheet of book entries (in the worker)."""
    job = BookImport.objects.select_related("association", "uploaded_by").get(pk=import_id)
    try:
        return services.book_import_run(job).status
    except ActionRefused:
        # Run once already (a retried task): leave the job as that run left it.
        logger.warning("Book import %s is no longer waiting; not run again", import_id)
        return BookImport.objects.values_list("status", flat=True).get(pk=import_id)
    except Exception:
        # Never leave an import "processing" for ever: record the failure, keep the trace in the logs.
        logger.exception("Book import %s failed", import_id)
        job.refresh_from_db()
        message = _("The file could not be processed. Nothing was imported; please try again or contact support.")
        return services.book_import_fail(job, errors=[{"row": None, "message": message}]).status
