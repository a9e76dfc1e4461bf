"""Template tags of the service's GOV.UK page template."""

from __future__ import annotations

from datetime import date, datetime

from django import template
from django.template.base import FilterExpression, NodeList, Parser, Token
from django.template.context import Context
from django.utils.html import format_html

from govuk.wording import day_in_words, moment_in_words

register = template.Library()


@register.filter
def govuk_date(value: date | None, style: str = "") -> str:
    """``{{ day|govuk_date }}``: "14 May 1996"; ``|govuk_date:"short"`` in a narrow column, "14 Sept 1996"."""
    if value is None:
        return ""
    return day_in_words(value.date() if isinstance(value, datetime) else value, short=style == "short")


@register.filter
def govuk_datetime(value: datetime | None, style: str = "") -> str:
    """``{{ moment|govuk_datetime }}``: "14 May 1996 at 9:30am", in the service's time zone; ``"short"`` as above."""
    return "" if value is None else moment_in_words(value, short=style == "short")


class _NavigationNode(template.Node):
    def __init__(self, nodelist: NodeList, label: FilterExpression) -> None:
        self.nodelist = nodelist
        self.label = label

    def render(self, context: Context) -> str:
        inside = self.nodelist.render(context)
        if not inside.strip():
            return ""
        # What is inside was rendered, and so escaped, by the template engine: format_html keeps it as it is.
        return format_html('<nav aria-label="{}">{}</nav>', self.label.resolve(context), inside)


@register.tag
def navigation(parser: Parser, token: Token) -> _NavigationNode:
    """``{% navigation "Back" %}…{% endnavigation %}``: a navigation landmark named "Back" around what is inside, if
    anything is (no empty landmark on a page without it). Keeps a back link, placed before ``<main>`` as GOV.UK
    Frontend asks so that the skip link passes it, inside a landmark all the same."""
    try:
        _, label = token.split_contents()
    except ValueError:
        raise template.TemplateSyntaxError("navigation takes one argument, the landmark's name") from None
    nodelist = parser.parse(("endnavigation",))
    parser.delete_first_token()
    return _NavigationNode(nodelist, parser.compile_filter(label))
