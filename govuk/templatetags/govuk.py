"""Template tags of the service's GOV.UK page template."""

from __future__ import annotations

from django import template
from django.template.base import FilterExpression, NodeList, Parser, Token
from django.template.context import Context
from django.utils.html import format_html

register = template.Library()


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
