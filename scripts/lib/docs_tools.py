# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Helpers of scripts/docs.sh (make docs), which has no network and fails on any broken link.

  inventory SOURCE DEST   Sphinx's objects.inv from the readable listing SOURCE (docs/sphinx/ansible-objects.txt):
                          its four header lines as they are, the targets zlib-compressed, comments dropped.
  unreleased CHANGELOG    name the top release of an antsibull-changelog CHANGELOG.rst "(unreleased)".
  links HTML_DIR          every relative link of the built site: the file exists, and so does its #anchor.
  describe-roles INDEX ROLES
                          a line of antsibull-docs' role index without a description (a role without a main entry
                          point, such as the internal cleanup_common) gets its only entry point's short_description.
"""

import html.parser
import os
import re
import sys
import zlib
from urllib.parse import unquote, urlsplit

import yaml

HEADER_LINES = 4
# * :ansplugin:`NAME role <hwc.cleanup.NAME#role>` --   (antsibull-docs leaves the description empty)
UNDESCRIBED_ROLE = re.compile(r"^(\* :ansplugin:`\S+ role <[\w.]+\.(\w+)#role>` --)$", re.MULTILINE)


def write_inventory(source, dest):
    with open(source, encoding="utf-8") as handle:
        lines = handle.read().splitlines()
    header, targets = lines[:HEADER_LINES], [line for line in lines[HEADER_LINES:] if line and not line.startswith("#")]
    with open(dest, "wb") as handle:
        handle.write(("\n".join(header) + "\n").encode("utf-8"))
        handle.write(zlib.compress(("\n".join(targets) + "\n").encode("utf-8")))


def mark_unreleased(changelog):
    """The first version title (vX.Y.Z over a line of =) gets " (unreleased)", its underline as long."""
    with open(changelog, encoding="utf-8") as handle:
        text = handle.read()
    marked, count = re.subn(r"^(v\d+\.\d+\.\d+)\n=+\n", lambda match: "%s (unreleased)\n%s\n" % (
        match.group(1), "=" * len(match.group(1) + " (unreleased)")), text, count=1, flags=re.MULTILINE)
    if not count:
        raise SystemExit("%s: no release title to mark as unreleased" % changelog)
    with open(changelog, "w", encoding="utf-8") as handle:
        handle.write(marked)


def describe_roles(index, roles_dir):
    """Fill each empty description of the role index with the role's one entry point's short_description."""
    with open(index, encoding="utf-8") as handle:
        text = handle.read()

    def described(match):
        with open(os.path.join(roles_dir, match.group(2), "meta", "argument_specs.yml"), encoding="utf-8") as handle:
            entry_points = yaml.safe_load(handle)["argument_specs"]
        if len(entry_points) != 1:
            raise SystemExit("%s: role %s has no main entry point and %d others: which one describes it?" % (
                index, match.group(2), len(entry_points)))
        return "%s %s" % (match.group(1), next(iter(entry_points.values()))["short_description"])
    with open(index, "w", encoding="utf-8") as handle:
        handle.write(UNDESCRIBED_ROLE.sub(described, text))


class _Page(html.parser.HTMLParser):
    """The ids and the links (href, src) of one HTML page."""

    def __init__(self):
        super().__init__()
        self.ids, self.links = set(), []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("id", "name") and value:
                self.ids.add(value)
            elif name in ("href", "src") and value:
                self.links.append(value)


def _parse(path, pages):
    if path not in pages:
        page = _Page()
        with open(path, encoding="utf-8") as handle:
            page.feed(handle.read())
        pages[path] = page
    return pages[path]


def broken_links(html_dir):
    """(page, link, why) for each relative link whose file or anchor is missing; external links are not checked."""
    pages, broken = {}, []
    for directory, _dirs, files in os.walk(html_dir):
        for name in sorted(files):
            if not name.endswith(".html"):
                continue
            page_path = os.path.join(directory, name)
            for link in _parse(page_path, pages).links:
                parts = urlsplit(link)
                if parts.scheme or parts.netloc or link.startswith(("mailto:", "javascript:")):
                    continue
                target = os.path.normpath(os.path.join(directory, unquote(parts.path))) if parts.path else page_path
                if os.path.isdir(target):
                    target = os.path.join(target, "index.html")
                if not os.path.isfile(target):
                    broken.append((page_path, link, "no such file"))
                elif parts.fragment and target.endswith(".html") and unquote(parts.fragment) not in _parse(target, pages).ids:
                    broken.append((page_path, link, "no such anchor"))
    return broken


def main(argv):
    command, *args = argv
    if command == "inventory":
        write_inventory(*args)
    elif command == "unreleased":
        mark_unreleased(*args)
    elif command == "describe-roles":
        describe_roles(*args)
    elif command == "links":
        broken = broken_links(args[0])
        for page, link, why in broken:
            print("%s: broken link %s (%s)" % (os.path.relpath(page, args[0]), link, why), file=sys.stderr)
        if broken:
            raise SystemExit("%d broken internal link(s) in %s" % (len(broken), args[0]))
    else:
        raise SystemExit("unknown command %r: inventory, unreleased, describe-roles or links" % command)


if __name__ == "__main__":
    main(sys.argv[1:])
