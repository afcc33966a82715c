"""The icons we use: one SVG sprite of Lucide icons (ISC licence) in our own static files (docs/look.md).

`ICONS` maps our name to the Lucide file name. The sprite `static/icons/sprite.svg` holds exactly these, as
`<symbol id="our-name">`; `manage.py build_icon_sprite <unpacked lucide-static>` rebuilds it (and copies the
licence next to it) after a name is added here. Templates draw one with `{% icon "name" %}` (core/templatetags/
look.py), which refuses a name that is not here, so a typo fails the page's test instead of drawing nothing.
"""

from __future__ import annotations

SPRITE = "icons/sprite.svg"

ICONS: dict[str, str] = {
    # Navigation
    "home": "house",
    "partners": "users",
    "projects": "folder-kanban",
    "ideas": "lightbulb",
    "groups": "users-round",
    "contacts": "contact",
    "messages": "mail",
    "validations": "shield-check",
    "approvals": "clipboard-check",
    "reports": "flag",
    "dashboard": "layout-dashboard",
    "ambassadors": "award",
    "audit": "scroll-text",
    "about": "info",
    "gallery": "images",
    "events": "calendar",
    "map-pin": "map-pin",
    "menu": "menu",
    "security": "shield",
    "language": "globe",
    "log-out": "log-out",
    "log-in": "log-in",
    "user": "user",
    "user-plus": "user-plus",
    "school": "school",
    "learning": "graduation-cap",
    "book": "book-open",
    "chat": "message-circle-more",
    "meetings": "video",
    "pages": "file-text",
    "materials": "folder",
    "forum": "message-square",
    "pupils": "smile",
    # Actions
    "like": "heart",
    "pin": "pin",
    "unpin": "pin-off",
    "hide": "eye-off",
    "show": "eye",
    "report": "flag",
    "delete": "trash-2",
    "comment": "message-circle",
    "edit": "pencil",
    "add": "plus",
    "send": "send",
    "download": "download",
    "upload": "upload",
    "search": "search",
    "more": "ellipsis",
    "external": "external-link",
    "settings": "settings",
    "attach": "paperclip",
    "check": "check",
    "close": "x",
    "star": "star",
    # File types in materials
    "file": "file",
    "file-image": "image",
    "file-video": "video",
    "file-document": "file-text",
    "file-link": "link",
    "file-embed": "code",
    "folder": "folder",
    # States
    "draft": "pencil-line",
    "waiting": "hourglass",
    "active": "circle-check",
    "closed": "lock",
    "archived": "archive",
    "time": "clock",
}
