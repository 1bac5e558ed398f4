"""Atom feeds of public updates: everything public, per sector and per association."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from portal.associations.models import Association
from portal.core.models import Sector
from portal.updates.models import Update

FEED_SIZE = 50


class PlainTextAtomFeed(Atom1Feed):
    """Atom whose summaries are plain text: Django writes ``type="html"``, so a reader would run what an author
    typed as markup. An update's body is what the author wrote (markdown), so it goes out as ``type="text"``."""

    def add_item_elements(self, handler, item):
        summary = item["description"]
        super().add_item_elements(handler, {**item, "description": None})
        if summary is not None:
            handler.addQuickElement("summary", summary, {"type": "text"})


class PublicUpdatesFeed(Feed):
    feed_type = PlainTextAtomFeed
    title = _("DIA Portal: updates and opportunities")
    subtitle = _("News, circulars, scheme updates and opportunities for MSMEs and their associations.")

    def link(self):
        return reverse("updates:archive")

    def items(self):
        return Update.objects.public().select_related("association")[:FEED_SIZE]

    def item_title(self, item):
        return f"{item.get_kind_display()}: {item.title}"

    def item_description(self, item):
        return item.body

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.publish_at

    def item_author_name(self, item):
        return item.publisher_name


class SectorFeed(PublicUpdatesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Sector, slug=slug)

    def title(self, obj):
        return _("DIA Portal: updates for %(sector)s") % {"sector": obj.display_name}

    def link(self, obj):
        return reverse("updates:archive") + f"?sector={obj.slug}"

    def items(self, obj):
        return Update.objects.in_sector_feed(obj).select_related("association")[:FEED_SIZE]


class AssociationFeed(PublicUpdatesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Association.objects.approved(), slug=slug)

    def title(self, obj):
        return _("DIA Portal: updates from %(association)s") % {"association": obj.name}

    def link(self, obj):
        return obj.get_absolute_url()

    def items(self, obj):
        return Update.objects.public().filter(association=obj).select_related("association")[:FEED_SIZE]
