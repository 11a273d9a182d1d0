# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Reading every page of a list endpoint."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.hwc.cleanup.plugins.module_utils.errors import ApiError

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
    """Every item of the resource's list endpoint, across all pages."""
    listing = resource.listing
    path = listing.call.path(scope)
    query = dict((key, value) for key, value in (filters or {}).items() if value is not None and key in listing.filters)
    paging = listing.paging
    if paging is None:
        return _items(client.call_json(listing.call.method, path, query), listing)
    items = []
    position = 0
    for _page in range(MAX_PAGES):
        query.update({paging.start_param: position, paging.size_param: paging.max_size})
        data = client.call_json(listing.call.method, path, query)
        page = _items(data, listing)
        items.extend(page)
        total = _total(data, listing)
        if len(page) < paging.max_size or (total is not None and len(items) >= total):
            break
        position += 1 if paging.by_page else len(page)
    return items


def list_all_or_none(client, resource, scope, filters=None):
    """Like list_all, but nothing when the parent (a DCS instance, say) is already gone."""
    try:
        return list_all(client, resource, scope, filters)
    except ApiError as error:
        if not error.not_found:
            raise
        return []


def _items(data, listing):
    found = data if listing.items_key is None else (data or {}).get(listing.items_key)
    return [item for item in (found or []) if isinstance(item, dict)]


def _total(data, listing):
    try:
        return int(data.get(listing.total_key))
    except (AttributeError, TypeError, ValueError):
        return None


def listed_by_id(items, resource):
    """{id: item} of listed items."""
    id_field = resource.listing.fields["id"]
    return dict((field(item, id_field), item) for item in items)


def ids_with_status(items, resource):
    """{id: status} of listed items."""
    status_field = resource.listing.fields["status"]
    return dict((resource_id, field(item, status_field)) for resource_id, item in listed_by_id(items, resource).items())
