from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from portal.accounts.selectors import dashboard_for


@login_required
def dashboard(request):
    """One page per person: what is waiting for them, whatever roles they hold."""
    return render(request, "accounts/dashboard.html", dashboard_for(request.user))
