from django.tasks import task


@task
def close_due_pooled_demands() -> int:
    """Close pooled demands past their closing time. Run by `manage.py close_due_pooled_demands` from cron or a
    systemd timer (every 15 minutes is plenty: commitments are refused from the closing time on anyway)."""
    from portal.pooling.services import close_due_pooled_demands as close_due

    return close_due()
