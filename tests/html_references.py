"""What a page's HTML promises assistive technology, checked without a browser: every id an ARIA attribute, a label's
``for`` or an in-page link names exists (once), and the GOV.UK error pattern holds (the error summary's links go to a
field, which shows its error message beside it, in a form group marked in error, and is described by it).

The page is parsed with the standard library's HTML parser into a small tree."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Attributes whose value is a list of ids of elements in the same page.
ID_REFERENCES = (
    "aria-describedby",
    "aria-labelledby",
    "aria-controls",
    "aria-owns",
    "aria-errormessage",
    "aria-details",
    "aria-activedescendant",
)
LABELABLE = {"input", "select", "textarea", "button", "meter", "output", "progress"}
FIELDS = {"input", "select", "textarea"}
# The class GOV.UK Frontend gives a field in error, by the kind of field (radios and checkboxes have none).
ERROR_CLASSES = {
    "textarea": "govuk-textarea--error",
    "select": "govuk-select--error",
    "file": "govuk-file-upload--error",
}
NO_ERROR_CLASS = {"checkbox", "radio", "hidden", "submit", "button"}


@dataclass(eq=False)
class Element:
    tag: str
    attrs: dict[str, str]
    parent: Element | None
    children: list[Element] = field(default_factory=list)
    text: list[str] = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def ancestors(self) -> Iterator[Element]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def iter(self) -> Iterator[Element]:
        yield self
        for child in self.children:
            yield from child.iter()

    def text_content(self) -> str:
        return " ".join(" ".join([*self.text, *(child.text_content() for child in self.children)]).split())

    def hidden(self) -> bool:
        """Hidden from everyone, or shown only to screen readers: not a message beside the field."""
        return any(
            "hidden" in node.attrs
            or "govuk-visually-hidden" in node.classes
            or node.attrs.get("aria-hidden") == "true"
            for node in (self, *self.ancestors())
        )

    def describe(self) -> str:
        shown = " ".join(f'{name}="{value}"' for name, value in self.attrs.items() if name in ("id", "name", "href"))
        return f"<{self.tag} {shown}>".replace(" >", ">")


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {}, None)
        self.current = self.root

    def _append(self, tag: str, attrs: list[tuple[str, str | None]]) -> Element:
        element = Element(tag, {name: value or "" for name, value in attrs}, self.current)
        self.current.children.append(element)
        return element

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = self._append(tag, attrs)
        if tag not in VOID:
            self.current = element

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._append(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        node: Element | None = self.current
        while node is not None and node is not self.root and node.tag != tag:
            node = node.parent
        if node is not None and node is not self.root and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data: str) -> None:
        self.current.text.append(data)


def parse(html: str) -> Element:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def _by_id(document: Element) -> tuple[dict[str, Element], list[str]]:
    ids: dict[str, Element] = {}
    problems = []
    for element in document.iter():
        if "id" in element.attrs:
            if element.attrs["id"] in ids:
                problems.append(f'two elements with the id "{element.attrs["id"]}"')
            ids.setdefault(element.attrs["id"], element)
    return ids, problems


def _references(document: Element, ids: dict[str, Element]) -> Iterator[str]:
    for element in document.iter():
        for attribute in ID_REFERENCES:
            for named in element.attrs.get(attribute, "").split():
                if named not in ids:
                    yield f'{element.describe()} {attribute} names "{named}": no element has that id'
        if element.tag == "label" and "for" in element.attrs:
            target = ids.get(element.attrs["for"])
            if target is None or target.tag not in LABELABLE:
                yield f'<label for="{element.attrs["for"]}"> ({element.text_content()!r}) labels no field'
        href = element.attrs.get("href", "") if element.tag == "a" else ""
        if href.startswith("#") and href[1:] not in ids:
            yield f'<a href="{href}"> ({element.text_content()!r}) goes to no element on the page'


def described_by(control: Element) -> set[str]:
    """The ids describing a field: its own aria-describedby and each fieldset's around it."""
    named = set(control.attrs.get("aria-describedby", "").split())
    for node in control.ancestors():
        if node.tag == "fieldset":
            named |= set(node.attrs.get("aria-describedby", "").split())
    return named


# GOV.UK's conditional reveal: a question asked inside a radio or checkbox option is a form group of its own, in
# error or not whatever the question around it is.
REVEALS = {"govuk-radios__conditional", "govuk-checkboxes__conditional"}


def _question(node: Element) -> Iterator[Element]:
    """The node's ancestors up to the question it belongs to: stopping at a conditional reveal around it."""
    for ancestor in node.ancestors():
        if ancestor.classes & REVEALS:
            return
        yield ancestor


def form_group(control: Element) -> Element | None:
    """The field's GOV.UK form group: the outermost around it (each box of a date sits in a group of its own), inside
    the option that reveals it, if one does."""
    groups = [node for node in _question(control) if "govuk-form-group" in node.classes]
    return groups[-1] if groups else None


def _in(node: Element, group: Element) -> bool:
    """Whether the node belongs to the group's own question, not to one revealed inside it."""
    return node is group or any(ancestor is group for ancestor in _question(node))


def _controls(group: Element) -> list[Element]:
    return [
        node
        for node in group.iter()
        if node.tag in FIELDS and node.attrs.get("type") not in ("hidden", "submit", "button") and _in(node, group)
    ]


def _messages(group: Element) -> list[Element]:
    return [
        node
        for node in group.iter()
        if "govuk-error-message" in node.classes and not node.hidden() and _in(node, group)
    ]


def _summary_links(document: Element) -> Iterator[str]:
    for summary in (node for node in document.iter() if "govuk-error-summary" in node.classes):
        items = [node for node in summary.iter() if node.tag == "li"]
        if not items:
            yield "an error summary that lists no error"
        for link in (node for item in items for node in item.iter() if node.tag == "a"):
            yield from _summary_link(document, link)


def _summary_link(document: Element, link: Element) -> Iterator[str]:
    href, text = link.attrs.get("href", ""), link.text_content()
    target_id = href[1:] if href.startswith("#") else ""
    target = next((node for node in document.iter() if target_id and node.attrs.get("id") == target_id), None)
    if target is None:
        yield f"error summary link {text!r} (href={href!r}) goes to no element"
        return
    if target.tag not in FIELDS or target.attrs.get("type") == "hidden":
        yield f"error summary link {text!r} goes to {target.describe()}, not a field"
        return
    group = form_group(target)
    if group is None or "govuk-form-group--error" not in group.classes:
        yield f"error summary link {text!r}: the field {target.describe()} is not in a form group marked in error"
        return
    messages = _messages(group)
    if not messages:
        yield f"error summary link {text!r}: no error message beside {target.describe()}"
    elif not {message.attrs.get("id") for message in messages} & described_by(target):
        yield f"error summary link {text!r}: {target.describe()} is not described by its error message"


def _error_classes(control: Element, errors: bool) -> Iterator[str]:
    kind = control.attrs.get("type", "text") if control.tag == "input" else control.tag
    if kind in NO_ERROR_CLASS:
        return
    expected = ERROR_CLASSES.get(kind, "govuk-input--error")
    if errors and expected not in control.classes:
        yield f"{control.describe()} in a form group in error has no {expected} class"
    if not errors and expected in control.classes:
        yield f"{control.describe()} has {expected} outside a form group in error"


def _group_in_error(group: Element, has_summary: bool, summary_targets: set[str]) -> Iterator[str]:
    controls = _controls(group)
    messages = _messages(group)
    if not messages:
        yield f"a form group in error around {[c.describe() for c in controls]} shows no error message"
        return
    message_ids = {message.attrs.get("id", "") for message in messages} - {""}
    for control in controls:
        if not message_ids & described_by(control):
            yield f"{control.describe()} is not described by its error message {sorted(message_ids)}"
    if not has_summary:
        yield f"an error beside {[c.describe() for c in controls][:1]} but no error summary"
    elif controls and not {c.attrs.get("id") for c in controls} & summary_targets:
        yield f"the error summary has no link to {controls[0].describe()}, which shows an error"


def _group(group: Element, has_summary: bool, summary_targets: set[str]) -> Iterator[str]:
    errors = "govuk-form-group--error" in group.classes
    for control in _controls(group):
        yield from _error_classes(control, errors)
        if control.attrs.get("aria-invalid") == "true" and not errors:
            yield f"{control.describe()} is aria-invalid outside a form group in error"
    if errors:
        yield from _group_in_error(group, has_summary, summary_targets)
    elif messages := _messages(group):
        yield f"an error message ({messages[0].text_content()!r}) in a form group not marked in error"


def _groups(document: Element, has_summary: bool, summary_targets: set[str]) -> Iterator[str]:
    for group in (node for node in document.iter() if "govuk-form-group" in node.classes):
        if form_group(group) is None:  # not a date's box; a question revealed inside another is one of its own
            yield from _group(group, has_summary, summary_targets)


def problems(html: str) -> list[str]:
    """Every dangling reference, and every break of the GOV.UK error pattern, in the page."""
    document = parse(html)
    ids, found = _by_id(document)
    found += list(_references(document, ids))
    found += list(_summary_links(document))
    summaries = [node for node in document.iter() if "govuk-error-summary" in node.classes]
    targets = {
        node.attrs["href"][1:]
        for summary in summaries
        for node in summary.iter()
        if node.tag == "a" and node.attrs.get("href", "").startswith("#")
    }
    found += list(_groups(document, bool(summaries), targets))
    return found


def _own_forms(html: str, address: str) -> Iterator[Element]:
    """The page's forms that post back to the page (not the header's sign-out)."""
    for form in (node for node in parse(html).iter() if node.tag == "form"):
        if form.attrs.get("method", "get").lower() == "post" and form.attrs.get("action", "") in ("", address):
            yield form


def own_hidden_inputs(html: str, address: str) -> dict[str, str]:
    """The hidden inputs of the page's own forms: what a submit with nothing filled in sends besides the buttons."""
    return {
        node.attrs["name"]: node.attrs.get("value", "")
        for form in _own_forms(html, address)
        for node in form.iter()
        if node.tag == "input" and node.attrs.get("type") == "hidden" and node.attrs.get("name")
    }


def own_named_buttons(html: str, address: str) -> list[tuple[str, str]]:
    """The named submit buttons of the page's own forms ("Add another action"), each as the name and value it sends."""
    return [
        (node.attrs["name"], node.attrs.get("value", ""))
        for form in _own_forms(html, address)
        for node in form.iter()
        if node.tag == "button" and node.attrs.get("type", "submit") == "submit" and node.attrs.get("name")
    ]


def has_error_summary(html: str) -> bool:
    return any("govuk-error-summary" in node.classes for node in parse(html).iter())
