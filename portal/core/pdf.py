"""The one way the portal makes PDFs: certificates, sanction letters, invoices, receipts, reports.

fpdf2 draws the page; HarfBuzz (uharfbuzz) shapes the text so Indian scripts render with their
conjuncts and vowel signs; the Noto fonts ship in ``portal/core/fonts`` (regular and bold, SIL Open Font
Licence, from Debian's fonts-noto-core) so the output is the same on every machine. Latin text uses Noto
Sans (which has the ₹ sign); each character Noto Sans lacks is drawn from the first fallback font that has
it: Devanagari (Hindi, Marathi), Bengali (Bengali, Assamese), Gujarati, Gurmukhi (Punjabi), Kannada,
Malayalam, Oriya (Odia), Tamil, Telugu. A font is embedded (subset) only when the document uses it.
"""

import logging
from pathlib import Path

from django.http import HttpResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.fonts import FontFace

FONTS = Path(__file__).resolve().parent / "fonts"
BRAND = (31, 95, 153)
# Fallback fonts in the order tried; Devanagari first, so the danda (।) shared with Bengali comes from it.
SCRIPT_FONTS = ("Devanagari", "Bengali", "Gujarati", "Gurmukhi", "Kannada", "Malayalam", "Oriya", "Tamil", "Telugu")
# fontTools logs every subsetting step at INFO; that is noise in the server log.
logging.getLogger("fontTools").setLevel(logging.WARNING)


class PortalPDF(FPDF):
    """An A4 page with the portal's header and footer and Unicode fonts set up."""

    def __init__(self, *, title: str, issuer: str = "", orientation: str = "portrait"):
        super().__init__(orientation=orientation, unit="mm", format="A4")
        self.doc_title = title
        self.issuer = issuer or _("DIA Portal · Small Industries Development Bank of India (SIDBI)")
        self.set_title(title)
        self.set_author("DIA Portal")
        self.set_creator("DIA Portal")
        for style, suffix in (("", "Regular"), ("B", "Bold")):
            self.add_font("NotoSans", style=style, fname=str(FONTS / f"NotoSans-{suffix}.ttf"))
            for script in SCRIPT_FONTS:
                self.add_font(f"Noto{script}", style=style, fname=str(FONTS / f"NotoSans{script}-{suffix}.ttf"))
        self.set_fallback_fonts([f"Noto{script}" for script in SCRIPT_FONTS])
        self.set_text_shaping(True)
        self.set_auto_page_break(auto=True, margin=18)
        self.set_margins(18, 18, 18)
        self.alias_nb_pages()
        self.add_page()

    def header(self) -> None:
        self.set_font("NotoSans", "B", 9)
        self.set_text_color(*BRAND)
        self.cell(0, 5, self.issuer, new_x="LMARGIN", new_y="NEXT")
        self.set_draw_color(*BRAND)
        self.line(self.l_margin, self.get_y() + 1, self.w - self.r_margin, self.get_y() + 1)
        self.ln(5)
        self.set_text_color(0, 0, 0)

    def footer(self) -> None:
        self.set_y(-13)
        self.set_font("NotoSans", "", 8)
        self.set_text_color(110, 110, 110)
        # In the reader's language (month names), Indian time.
        generated = date_format(timezone.localtime(), "j F Y, H:i") + " IST"
        self.cell(0, 5, _("Generated on %(when)s") % {"when": generated}, align="L")
        self.cell(0, 5, _("Page %(page)s of {nb}") % {"page": self.page_no()}, align="R")

    # Building blocks ---------------------------------------------------------------------------
    def heading(self, text: str, *, size: int = 16) -> None:
        self.set_font("NotoSans", "B", size)
        self.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def paragraph(self, text: str, *, size: int = 11, bold: bool = False, align: str = "L") -> None:
        self.set_font("NotoSans", "B" if bold else "", size)
        self.multi_cell(0, size * 0.5, text, align=align, new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def key_values(self, rows: list[tuple[str, str]], *, size: int = 10) -> None:
        """Label–value pairs, one per line (invoice header, sanction terms)."""
        self.set_font("NotoSans", "", size)
        with self.table(col_widths=(1, 2), first_row_as_headings=False, line_height=size * 0.55) as table:
            for label, value in rows:
                row = table.row()
                row.cell(str(label), style=FontFace(emphasis="BOLD"))
                row.cell(str(value))
        self.ln(3)

    def data_table(self, headers: list[str], rows: list[list], *, widths=None, align_right=(), size: int = 9) -> None:
        """A table with a heading row; columns listed in ``align_right`` (by index) are right-aligned (money)."""
        self.set_font("NotoSans", "", size)
        heading = FontFace(emphasis="BOLD", fill_color=(230, 238, 246))
        with self.table(col_widths=widths, headings_style=heading, line_height=size * 0.55) as table:
            head = table.row()
            for header in headers:
                head.cell(str(header))
            for values in rows:
                row = table.row()
                for index, value in enumerate(values):
                    row.cell("" if value is None else str(value), align="RIGHT" if index in align_right else "LEFT")
        self.ln(3)

    def to_bytes(self) -> bytes:
        return bytes(self.output())


def pdf_response(data: bytes, filename: str, *, inline: bool = False) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
