"""Render docs/permissions.md's generated matrix from the table: ``python -m tests.permissions.render``.

A test (test_routes.test_the_document_is_generated_from_the_table) fails when the committed file differs.
"""

from pathlib import Path

from tests.permissions.table import TABLE

DOC = Path(__file__).resolve().parents[2] / "docs" / "permissions.md"
BEGIN = "<!-- generated from tests/permissions/table.py: python -m tests.permissions.render -->"
END = "<!-- end of generated matrix -->"
ROLE_HEADINGS = {
    "anonymous": "An",
    "member_a": "MA",
    "member_b": "MB",
    "bearer_a": "BA",
    "bearer_b": "BB",
    "provider": "P",
    "expert": "CE",
    "officer": "O",
    "authority": "Au",
    "admin": "Ad",
}
SHORT = {"login": "→", "200": "✓"}


def _cell(answers: str) -> str:
    return " ".join(SHORT.get(answer, answer) for answer in answers.split())


def matrix() -> str:
    lines = [
        BEGIN,
        "",
        "## Every route, every role (generated)",
        "",
        "Each cell gives the answer for the route's targets in order: an object of association **A**, one of",
        "association **B**, and an id that does not exist (routes without an object have one answer). ✓ 200,",
        "→ sent to log in, 405 method not allowed (a POST-only action asked with GET), n/a the demo world has no",
        "such object, 302 another redirect. Another association's private object is answered exactly like",
        "the missing one (same status, same body); the suite asserts it for every cell.",
        "",
        "| route | " + " | ".join(ROLE_HEADINGS.values()) + " |",
        "| --- | " + " | ".join("---" for _ in ROLE_HEADINGS) + " |",
    ]
    for name, row in TABLE.items():
        lines.append(f"| `{name}` | " + " | ".join(_cell(row[role]) for role in ROLE_HEADINGS) + " |")
    lines += ["", END]
    return "\n".join(lines)


def document(current: str) -> str:
    """The document with its generated part replaced (appended where it has none yet)."""
    if BEGIN in current:
        head = current[: current.index(BEGIN)]
        tail = current[current.index(END) + len(END) :] if END in current else "\n"
    else:
        head, tail = current.rstrip("\n") + "\n\n", "\n"
    return head + matrix() + tail


if __name__ == "__main__":
    DOC.write_text(document(DOC.read_text()))
