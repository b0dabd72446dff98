"""How readers reach the project, rendered where a page asks for feedback: {{ contact_routes() }}.

Two routes, both configured in mkdocs.yml `extra` (README, "Contact routes"), never typed in a page:
- `repository_url` (env REPOSITORY_URL): the public repository, whose Discussions take questions and
  whose issue tracker takes error reports. Without it the page names the routes without a link.
- `contact_email` (env CONTACT_EMAIL): a private route for readers without a GitHub account or with
  something not to say in public. Shown only when set; the project never invents an address.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from macros import site_data


def render_contact_routes(extra: Mapping[str, Any], lang: str) -> str:
    """A Markdown list of the ways to reach the project, in the page's language."""
    strings = site_data.load_ui_strings(lang)
    repository = str(extra.get("repository_url") or "").rstrip("/")
    email = str(extra.get("contact_email") or "").strip()
    if repository:
        public = strings["contact_public_linked"].format(
            discussions=f"{repository}/discussions", issues=f"{repository}/issues"
        )
    else:
        public = strings["contact_public"]
    lines = [f"- {public}"]
    if email:
        lines.append(f"- {strings['contact_private'].format(email=email)}")
    return "\n".join(lines) + "\n"
