"""Reference data: India's states and union territories, and the portal's sectors.

Kept as plain tuples so the data migration, the seed command and tests share one list.
"""

# (code, name, kind, north_east). Codes are the two-letter codes used in Udyam numbers and
# vehicle registration; gst is the GST state code (first two digits of a GSTIN).
STATES = [
    # code, name, is_union_territory, is_north_east, gst_code
    ("AN", "Andaman and Nicobar Islands", True, False, "35"),
    ("AP", "Andhra Pradesh", False, False, "37"),
    ("AR", "Arunachal Pradesh", False, True, "12"),
    ("AS", "Assam", False, True, "18"),
    ("BR", "Bihar", False, False, "10"),
    ("CH", "Chandigarh", True, False, "04"),
    ("CG", "Chhattisgarh", False, False, "22"),
    ("DH", "Dadra and Nagar Haveli and Daman and Diu", True, False, "26"),
    ("DL", "Delhi", True, False, "07"),
    ("GA", "Goa", False, False, "30"),
    ("GJ", "Gujarat", False, False, "24"),
    ("HR", "Haryana", False, False, "06"),
    ("HP", "Himachal Pradesh", False, False, "02"),
    ("JK", "Jammu and Kashmir", True, False, "01"),
    ("JH", "Jharkhand", False, False, "20"),
    ("KA", "Karnataka", False, False, "29"),
    ("KL", "Kerala", False, False, "32"),
    ("LA", "Ladakh", True, False, "38"),
    ("LD", "Lakshadweep", True, False, "31"),
    ("MP", "Madhya Pradesh", False, False, "23"),
    ("MH", "Maharashtra", False, False, "27"),
    ("MN", "Manipur", False, True, "14"),
    ("ML", "Meghalaya", False, True, "17"),
    ("MZ", "Mizoram", False, True, "15"),
    ("NL", "Nagaland", False, True, "13"),
    ("OD", "Odisha", False, False, "21"),
    ("PY", "Puducherry", True, False, "34"),
    ("PB", "Punjab", False, False, "03"),
    ("RJ", "Rajasthan", False, False, "08"),
    ("SK", "Sikkim", False, True, "11"),
    ("TN", "Tamil Nadu", False, False, "33"),
    ("TS", "Telangana", False, False, "36"),
    ("TR", "Tripura", False, True, "16"),
    ("UP", "Uttar Pradesh", False, False, "09"),
    ("UK", "Uttarakhand", False, False, "05"),
    ("WB", "West Bengal", False, False, "19"),
]

SECTORS = [
    ("engineering", "Engineering"),
    ("plastics", "Plastics"),
    ("printing", "Printing and packaging"),
    ("textiles", "Textiles and garments"),
    ("food-processing", "Food processing"),
    ("furniture", "Furniture and wood"),
    ("jewellery", "Gems and jewellery"),
    ("electronics", "Electronics"),
    ("ceramics", "Ceramics and glass"),
    ("handicrafts", "Handicrafts and brassware"),
    ("leather", "Leather and footwear"),
    ("sports-goods", "Sports goods"),
    ("other", "Other"),
]


def load_reference_data(State, Sector) -> None:
    """Create or update every state and sector (used by the data migration and after test flushes)."""
    for code, name, is_ut, is_ne, gst in STATES:
        State.objects.update_or_create(
            code=code, defaults={"name": name, "is_union_territory": is_ut, "is_north_east": is_ne, "gst_code": gst}
        )
    for slug, name in SECTORS:
        Sector.objects.update_or_create(slug=slug, defaults={"name": name})
