"""Demo constants and sample files that apps' own demo seeds and tests share.

They live in core (the bottom layer) so any app's demo module can use them without importing the demo
orchestration in ``portal.demo``, which sits at the top.
"""

from django.conf import settings

DEMO_PASSWORD = "Demo-Portal-2026"
# Base32 TOTP secret shared by the demo SIDBI and admin accounts; `manage.py demo_totp` prints the code.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPDIAPORTALTWOFAXY"


def demo_pdf_bytes(title: str) -> bytes:
    """A small valid one-page PDF, so demo certificates open in a browser."""
    text = title.replace("(", "[").replace(")", "]")
    content = f"BT /F1 18 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def assert_not_production() -> None:
    if getattr(settings, "PRODUCTION", False):
        raise RuntimeError("Demo data is never loaded in production.")
