from django.tasks import task

from portal.associations.imports import run_import
from portal.associations.models import MemberImport


@task
def process_member_import(*, import_id: int) -> str:
    """Check and import one uploaded member file (in the worker at scale)."""
    member_import = MemberImport.objects.get(pk=import_id)
    return run_import(member_import).status
