"""The names of the reference data kept in the database (states, sectors), listed for the catalogue.

``State.display_name`` and ``Sector.display_name`` translate the stored English name with gettext; this
module only makes makemessages extract those names. A test keeps it in step with portal.core.reference.
"""

from django.utils.translation import gettext_noop

STATE_NAMES = [
    gettext_noop("Andaman and Nicobar Islands"),
    gettext_noop("Andhra Pradesh"),
    gettext_noop("Arunachal Pradesh"),
    gettext_noop("Assam"),
    gettext_noop("Bihar"),
    gettext_noop("Chandigarh"),
    gettext_noop("Chhattisgarh"),
    gettext_noop("Dadra and Nagar Haveli and Daman and Diu"),
    gettext_noop("Delhi"),
    gettext_noop("Goa"),
    gettext_noop("Gujarat"),
    gettext_noop("Haryana"),
    gettext_noop("Himachal Pradesh"),
    gettext_noop("Jammu and Kashmir"),
    gettext_noop("Jharkhand"),
    gettext_noop("Karnataka"),
    gettext_noop("Kerala"),
    gettext_noop("Ladakh"),
    gettext_noop("Lakshadweep"),
    gettext_noop("Madhya Pradesh"),
    gettext_noop("Maharashtra"),
    gettext_noop("Manipur"),
    gettext_noop("Meghalaya"),
    gettext_noop("Mizoram"),
    gettext_noop("Nagaland"),
    gettext_noop("Odisha"),
    gettext_noop("Puducherry"),
    gettext_noop("Punjab"),
    gettext_noop("Rajasthan"),
    gettext_noop("Sikkim"),
    gettext_noop("Tamil Nadu"),
    gettext_noop("Telangana"),
    gettext_noop("Tripura"),
    gettext_noop("Uttar Pradesh"),
    gettext_noop("Uttarakhand"),
    gettext_noop("West Bengal"),
]

SECTOR_NAMES = [
    gettext_noop("Engineering"),
    gettext_noop("Plastics"),
    gettext_noop("Printing and packaging"),
    gettext_noop("Textiles and garments"),
    gettext_noop("Food processing"),
    gettext_noop("Furniture and wood"),
    gettext_noop("Gems and jewellery"),
    gettext_noop("Electronics"),
    gettext_noop("Ceramics and glass"),
    gettext_noop("Handicrafts and brassware"),
    gettext_noop("Leather and footwear"),
    gettext_noop("Sports goods"),
    gettext_noop("Other"),
]
