"""Who may see and keep an association's book, dues and invoices. Views, templates and tests use these predicates.

- The association's office (office-bearer or staff of an approved association) keeps its own book, dues and
  invoices.
- SIDBI officers and authorities (and platform admins) read any association's book and sustainability page.
- The cluster expert reads the book and sustainability page of the associations assigned to them.
- A member enterprise's people see their own invoices and receipts.
- Nobody edits or deletes a book entry: corrections are new, reversing entries.
"""

from portal.associations.permissions import (
    can_oversee,
    can_work_on,
    is_active_member,
    is_cluster_expert,
    is_sidbi_staff,
)


def can_keep_books(user, association) -> bool:
    """Add entries, corrections and imports; set the opening balance and target; run dues and record payments."""
    return can_work_on(user, association)


def can_view_books(user, association) -> bool:
    """Read the book and the sustainability page."""
    if not user.is_authenticated:
        return False
    return can_oversee(user, association)


def can_list_associations(user) -> bool:
    """The list of associations with their indicators (SIDBI and cluster experts)."""
    return is_sidbi_staff(user) or is_cluster_expert(user)


def belongs_to(user, association) -> bool:
    """A member of the association: they may know it exists in the portal, but its books are not theirs (403)."""
    return is_active_member(user, association)


def can_manage_invoice(user, invoice) -> bool:
    return can_keep_books(user, invoice.association)


def can_view_invoice(user, invoice) -> bool:
    from portal.finances.models import Invoice

    if not user.is_authenticated:
        return False
    return can_manage_invoice(user, invoice) or Invoice.objects.of_member(user).filter(pk=invoice.pk).exists()
