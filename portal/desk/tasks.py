from django.tasks import task


@task
def escalate_overdue_requirements() -> dict:
    """Run by `manage.py desk_escalate` from cron or a systemd timer (every 15 minutes is plenty)."""
    from portal.desk.services import escalate_overdue

    return escalate_overdue()
