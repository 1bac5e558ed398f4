"""The sanction letter, drawn from the sanction's rows each time it is asked for (they never change)."""

from django.utils import timezone
from django.utils.translation import gettext as _

from portal.core.money import format_inr
from portal.core.pdf import PortalPDF
from portal.support.models import Sanction


def sanction_letter(sanction: Sanction) -> bytes:
    application = sanction.application
    association = sanction.association
    authority = sanction.approved_by
    pdf = PortalPDF(title=_("Sanction letter %(ref)s") % {"ref": sanction.reference})
    pdf.heading(_("Sanction of support under the DIA scheme"))
    pdf.key_values(
        [
            (_("Reference"), sanction.reference),
            (_("Date"), timezone.localtime(sanction.approved_at).strftime("%d %B %Y")),
            (_("Application"), f"{application.reference} — {application.title}"),
        ]
    )
    pdf.paragraph(_("To"), bold=True)
    address = f"{association.address}, {association.district}, {association.state.name} {association.pin_code}"
    pdf.key_values(
        [
            (_("Association"), association.name),
            (_("Address"), address),
            (_("GSTIN"), association.gstin or "—"),
            (_("PAN"), association.pan),
        ]
    )
    pdf.paragraph(
        _(
            "The Small Industries Development Bank of India is pleased to sanction support to your association under "
            "the Development of Industry Associations (DIA) scheme, as set out below."
        )
    )
    pdf.heading(_("Amounts sanctioned"), size=13)
    rows = [[head.get_head_display(), format_inr(head.amount)] for head in sanction.heads.all()]
    rows.append([_("Total"), format_inr(sanction.sanctioned_total)])
    pdf.data_table([_("Head"), _("Amount")], rows, align_right=(1,))
    tranches = list(sanction.tranches.all())
    pdf.heading(_("Tranches and milestones"), size=13)
    if tranches:
        pdf.data_table(
            [_("No."), _("Head"), _("Amount"), _("Milestone")],
            [[t.number, t.get_head_display(), format_inr(t.amount), t.milestone] for t in tranches],
            widths=(1, 3, 3, 7),
            align_right=(2,),
        )
    else:
        pdf.paragraph(_("The tranches and their milestones will be communicated by the scheme officer."))
    pdf.paragraph(
        _(
            "Each tranche after the first is released only when the utilisation certificate for the previous "
            "tranche has been accepted."
        )
    )
    pdf.heading(_("Conditions"), size=13)
    pdf.paragraph(sanction.conditions or _("The scheme's standard conditions apply."))
    pdf.ln(6)
    pdf.paragraph(authority.full_name or authority.email, bold=True)
    pdf.paragraph(_("Sanctioning authority, SIDBI"))
    return pdf.to_bytes()
