from portal import testing
from portal.core.pdf import PortalPDF, pdf_response


def test_hindi_names_embed_the_devanagari_font_and_money_keeps_the_rupee_sign():
    pdf = PortalPDF(title="Certificate")
    pdf.heading("Certificate of participation")
    pdf.paragraph("Awarded to श्रीमती प्रियंका क्षत्रिय for the GST clinic.")
    pdf.data_table(["Head", "Amount"], [["Infrastructure", "₹12,34,567.00"]], align_right=(1,))
    data = pdf.to_bytes()

    text = testing.pdf_text(data)
    assert "Certificate of participation" in text
    assert "₹12,34,567.00" in text
    assert "Infrastructure" in text
    assert any("NotoSansDevanagari" in name for name in testing.pdf_fonts(data))


def test_a_latin_only_document_does_not_embed_the_devanagari_font():
    pdf = PortalPDF(title="Receipt")
    pdf.paragraph("Received with thanks.")
    assert not any("Devanagari" in name for name in testing.pdf_fonts(pdf.to_bytes()))


def test_pdf_response_is_a_download_by_default():
    response = pdf_response(b"%PDF-1.4 x", "letter.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="letter.pdf"'
    assert pdf_response(b"%PDF", "x.pdf", inline=True)["Content-Disposition"].startswith("inline")
