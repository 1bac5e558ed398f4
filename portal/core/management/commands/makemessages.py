"""Django's makemessages, also extracting ``Msg("...")`` (portal.core.i18n.Msg) message ids.

Notifications store a Msg and render it when read, in the reader's language; its first argument is
an English message id that the catalogue must hold.
"""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    xgettext_options = [*makemessages.Command.xgettext_options, "--keyword=Msg"]
