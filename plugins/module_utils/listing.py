# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Reading every page of a list endpoint."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.hwc.cleanup.plugins.module_utils.errors import ApiError, ReplyError

# A service that keeps answering full pages must not keep a module looping forever.
MAX_PAGES = 10000


def field(item, dotted):
    """The value at a dotted path such as 'metadata.uid' (or the first of a tuple of paths that has one), or None."""
    if isinstance(dotted, tuple):
        for path in dotted:
            value = field(item, path)
            if value is not None:
                return value
        return None
    value = item
    for key in dotted.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def list_all(client, resource, scope, filters=None):
    """Every item of the resource's list endpoint, across all pages: read whole, or ReplyError.

    Paging goes on until the reply's total is reached (every paged API here documents one) or a page is empty; a
    page shorter than asked does not end it while the total says more (a service may cap its pages). A reply
    without its items or its total, an item without its id, or pages that end before the total are errors naming
    the route.
    """
    listing = resource.listing
    path = listing.call.path(scope)
    query = dict((key, value) for key, value in (filters or {}).items() if value is not None and key in listing.filters)
    paging = listing.paging
    if paging is None:
        return _items(client.call_json(listing.call.method, path, query), listing, path)
    items = []
    position = 0
    for _page in range(MAX_PAGES):
        query.update({paging.start_param: position, paging.size_param: paging.max_size})
        data = client.call_json(listing.call.method, path, query)
        page = _items(data, listing, path)
        items.extend(page)
        total = _total(data, listing, path)
        if total is not None and len(items) >= total or not page:
            break
        if paging.by_page and len(page) < paging.max_size and total is not None:
            # Page numbers count pages of the size asked: a shorter page before the end cannot be continued.
            raise ReplyError("GET %s answered %d item(s) for %s=%d on page %d, before its total %s: the list cannot be "
                             "read whole" % (path, len(page), paging.size_param, paging.max_size, position, total))
        position += 1 if paging.by_page else len(page)
    if total is not None and len(items) < total:
        raise ReplyError("GET %s ended after %d item(s) although its %s says %d: the list was read short"
                         % (path, len(items), listing.total_key, total))
    return items


def list_unless_parent_missing(client, resource, scope, filters=None):
    """(items, None), or ([], the parent's option) when the service answered its documented "the parent does not
    exist" (a DCS instance that is gone: none of its tasks exists either). Any other failure raises."""
    try:
        return list_all(client, resource, scope, filters), None
    except ApiError as error:
        if not error.missing_parent:
            raise
        return [], error.missing_parent


def _items(data, listing, path):
    """The reply's items, each a dict with an id; ReplyError naming the route otherwise."""
    found = data if listing.items_key is None else data.get(listing.items_key) if isinstance(data, dict) else None
    if not isinstance(found, list):
        raise ReplyError("GET %s answered without its list of items (%s): %.200r"
                         % (path, listing.items_key or "a top-level array", data))
    id_field = listing.fields["id"]
    for item in found:
        if not isinstance(item, dict) or field(item, id_field) in (None, ""):
            raise ReplyError("GET %s listed an item without its id (%s): %.200r" % (path, id_field, item))
    return found


def _total(data, listing, path):
    """The reply's total, or None where the API documents none; ReplyError for a total that is missing (the API
    documents one: without it an empty page would end a list read short) or not a number."""
    if listing.total_key is None:
        return None
    if data.get(listing.total_key) is None:
        raise ReplyError("GET %s answered without its %s: the list cannot be known to be whole" % (path, listing.total_key))
    try:
        return int(data[listing.total_key])
    except (TypeError, ValueError):
        raise ReplyError("GET %s answered a %s that is not a number: %.100r" % (path, listing.total_key, data[listing.total_key]))


def listed_by_id(items, resource):
    """{id: item} of listed items."""
    id_field = resource.listing.fields["id"]
    return dict((field(item, id_field), item) for item in items)
