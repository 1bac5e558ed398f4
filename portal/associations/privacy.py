"""What deleting an account does to this app's rows (see portal/core/personal_data.py)."""

from portal.core.personal_data import DELETE, KEEP, Source, register

register(
    Source("associations.Association", "created_by", KEEP, "the association's registration record"),
    Source("associations.Association", "cluster_expert", KEEP, "the scheme's assignment of an expert"),
    Source("associations.AssociationStatusChange", "by", KEEP, "review decisions"),
    Source("associations.AssociationStaff", "user", DELETE, "the person no longer runs the association"),
    Source("associations.Membership", "decided_by", KEEP, "membership decisions"),
    Source("associations.Invitation", "invited_by", KEEP, "invitations sent for the association"),
    Source("associations.MemberImport", "uploaded_by", KEEP, "the association's import history"),
)
