"""Checkbox and radio groups without a legend (issue 11): a group — two or more checkboxes or radio buttons of one
name in one form — must sit in a `<fieldset>` whose `<legend>` says what the group is. Rows of a table, each box
with its own label (choosing pupils for login cards), are a table's selection, not a group of choices."""

from __future__ import annotations

from html.parser import HTMLParser


class ChoiceGroupParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[dict[str, object]] = []  # open fieldsets: {"legend": text so far, "in_legend": bool}
        self.form = 0
        self.tables = 0
        self.inputs: dict[tuple[int, str], list[str]] = {}  # (form, name) -> the legend around each box ("" if none)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {key: value or "" for key, value in attrs}
        if tag == "form":
            self.form += 1
        elif tag == "table":
            self.tables += 1
        elif tag == "fieldset":
            self.stack.append({"legend": "", "in_legend": False})
        elif tag == "legend" and self.stack:
            self.stack[-1]["in_legend"] = True
        elif tag == "input" and attributes.get("type", "").lower() in {"checkbox", "radio"} and not self.tables:
            name = attributes.get("name") or attributes.get("id") or ""
            legend = str(self.stack[-1]["legend"]).strip() if self.stack else ""
            self.inputs.setdefault((self.form, name), []).append(legend)

    def handle_endtag(self, tag: str) -> None:
        if tag == "table" and self.tables:
            self.tables -= 1
        elif tag == "fieldset" and self.stack:
            self.stack.pop()
        elif tag == "legend" and self.stack:
            self.stack[-1]["in_legend"] = False

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1]["in_legend"]:
            self.stack[-1]["legend"] = f"{self.stack[-1]['legend']}{data}"

    def groups_without_legend(self) -> list[str]:
        return [name for (_form, name), legends in self.inputs.items() if len(legends) > 1 and not all(legends)]


def groups_without_legend(html: str) -> list[str]:
    """The names of the checkbox and radio groups of a page that have no fieldset with a legend."""
    parser = ChoiceGroupParser()
    parser.feed(html)
    return parser.groups_without_legend()
