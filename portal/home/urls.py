"""The home page and the personal dashboard.

They keep their historical URL names (``core:home`` and ``accounts:dashboard``), so config/urls.py mounts
each list under that namespace; the views live here, at the top layer, because they read every app.
"""

from django.urls import path

from portal.home import views

home_patterns = [path("", views.home, name="home")]
dashboard_patterns = [path("", views.dashboard, name="dashboard")]
