"""Record a stage assessment for every approved association (run by cron, e.g. monthly or quarterly)."""

from django.core.management.base import BaseCommand

from portal.associations.models import Association
from portal.scheme.services import stage_assess


class Command(BaseCommand):
    help = "Assess the cluster development stage of every approved association and update Association.stage."

    def add_arguments(self, parser):
        parser.add_argument("--association", help="Only this association (slug).")

    def handle(self, *args, **options):
        associations = Association.objects.approved().order_by("pk")
        if options.get("association"):
            associations = associations.filter(slug=options["association"])
        counts: dict[str, int] = {}
        for association in associations.iterator():
            assessment = stage_assess(association=association, by=None)
            counts[assessment.stage] = counts.get(assessment.stage, 0) + 1
        summary = ", ".join(f"{stage}: {n}" for stage, n in sorted(counts.items())) or "none"
        self.stdout.write(f"Assessed {sum(counts.values())} associations ({summary}).")
