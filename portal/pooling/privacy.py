"""What deleting an account does to this app's rows (see portal/core/personal_data.py)."""

from portal.core.personal_data import KEEP, Source, register

register(
    Source("pooling.PooledDemand", "created_by", KEEP, "the association's pooled purchase"),
    Source("pooling.PooledDemand", "outcome_recorded_by", KEEP, "the outcome record"),
    Source("pooling.Commitment", "committed_by", KEEP, "the enterprise's commitment (the enterprise stays)"),
)
