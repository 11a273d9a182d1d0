# Copyright: (c) 2026, hwc.cleanup contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# Internal to hwc.cleanup: not an API for other collections, it may change in any release (docs/development.md).
"""Reading every page of a list endpoint, whole or refused; and the filters of the _info modules: status, name
glob, age.

An item without a creation time is never "old"; one whose creation time is in a format we cannot read
fails the run, naming the value: a filter that silently matches nothing would hide a teardown gap.
"""

import fnmatch
import re
from datetime import datetime, timedelta, timezone

from ansible_collections.hwc.cleanup.plugins.module_utils._engine.errors import (
    ApiError, ConfigurationError, ReplyError, shown_value)
from ansible_collections.hwc.cleanup.plugins.module_utils._engine.resources import field

# A service that keeps answering full pages must not keep a module looping forever.
MAX_PAGES = 10000
# How often a list of several pages that changed while it was read is read again before the task gives up on it.
LIST_READS = 3


def list_all(client, resource, scope, filters=None, absent_unless_listed=()):
    """Every item of the resource's list endpoint, across all pages: read whole, or ReplyError.

    Paging goes on until the reply's total is reached (every paged API here documents one) or a page is empty; a
    page shorter than asked does not end it while the total says more (a service may cap its pages). A reply
    without its items or its total, an item without its id, or pages that end before the total are errors naming
    the route.

    Pages are read one after the other, so a list that changes meanwhile (another client deletes an item of an
    earlier page) moves an item of a later page out of reach. A read is whole only when every page gives the same
    total and no id comes twice; else it is made again, LIST_READS times at most. Even a whole read of several
    pages is not one moment: when it lacks one of ``absent_unless_listed`` (ids the caller takes for absent unless
    listed), the list is read once more, and an id either read lists counts as listed.
    """
    listing = resource.listing
    path = listing.call.path(scope)
    query = dict((key, value) for key, value in (filters or {}).items() if value is not None and key in listing.filters)
    if listing.paging is None:
        return _items(client.call_json(listing.call.method, path, query), listing, path)
    items, pages = _read_whole(client, listing, path, query)
    listed = listed_by_id(items, resource)
    if pages > 1 and any(resource_id not in listed for resource_id in absent_unless_listed):
        again = _read_whole(client, listing, path, query)[0]
        items += [item for item in again if field(item, listing.fields["id"]) not in listed]
    return items


def _read_whole(client, listing, path, query):
    """(the items, how many pages held them) of a read that the list did not change under; ReplyError after
    LIST_READS reads that it did."""
    for _read in range(LIST_READS):
        items, pages, changed = _read_pages(client, listing, path, query)
        if changed is None:
            return items, pages
    raise ReplyError("GET %s changed while it was read, %d times in a row (%s): the list cannot be read whole"
                     % (path, LIST_READS, changed))


def _read_pages(client, listing, path, query):
    """(items, pages, None) of one read across the pages, or (.., .., how the list changed under the read)."""
    paging, id_field = listing.paging, listing.fields["id"]
    items, seen, first_total = [], set(), None
    position = pages = 0
    for pages in range(1, MAX_PAGES + 1):
        query.update({paging.start_param: position, paging.size_param: paging.max_size})
        data = client.call_json(listing.call.method, path, query)
        page = _items(data, listing, path)
        total = _total(data, listing, path)
        first_total = total if pages == 1 else first_total
        if total != first_total:
            return items, pages, "its %s went from %s to %s" % (listing.total_key, first_total, total)
        for item in page:
            if field(item, id_field) in seen:
                return items, pages, "%s was listed twice" % shown_value(field(item, id_field))
            seen.add(field(item, id_field))
        items.extend(page)
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
    return items, pages, None


def list_unless_parent_missing(client, resource, scope, filters=None, absent_unless_listed=()):
    """(items, None), or ([], the parent's option) when the service answered its documented "the parent does not
    exist" (a DCS instance that is gone: none of its tasks exists either). Any other failure raises."""
    try:
        return list_all(client, resource, scope, filters, absent_unless_listed), None
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


def listing_of(client, resource, scope, ids, filters=None):
    """The listing as proof of which of ``ids`` exist: ({id: item} listed, {id: message} for each id that is not listed
    while one that differs from it only in case is, the parent's option when the service said it is gone).

    An id either of two reads lists counts as listed (list_all). A case twin is an error for its id: whether the
    service tells the two apart is documented nowhere, so absent could be a false success and deleting the listed
    one a delete not asked for."""
    items, missing_parent = list_unless_parent_missing(client, resource, scope, filters, absent_unless_listed=ids)
    listed = listed_by_id(items, resource)
    folded = dict((str(listed_id).lower(), listed_id) for listed_id in listed)
    twins = dict((resource_id, "%s %s is not listed, but %s is, which differs from it only in case: give the id as the "
                               "service lists it" % (resource.label, resource_id, folded[resource_id.lower()]))
                 for resource_id in ids if resource_id not in listed and resource_id.lower() in folded)
    return listed, twins, missing_parent


# The filters of the _info modules (older_than, status, name_pattern).
DURATION = re.compile(r"([0-9]+)([wdhms])")  # ASCII digits: \d also takes the digits of other scripts
UNIT_SECONDS = {"w": 604800, "d": 86400, "h": 3600, "m": 60, "s": 1}
# No item is older, no task runs longer, and the dates and timers computed from a longer time overflow.
LONGEST_SECONDS = 36525 * 86400
LONGEST = "100 years"
COMPACT_TIME = re.compile(r"\d{14}")  # DCS query format YYYYMMDDHHmmss
# Go's time.String(), as CCE writes creationTimestamp: "2025-09-02 10:23:38.987955 +0000 UTC"
# research: https://support.huaweicloud.com/intl/en-us/api-cce/GetOneJob.html (example reply); issue 12
GO_TIME = re.compile(r"(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d(?:\.\d+)?) ([+-]\d\d)(\d\d)(?: [A-Z]{2,5})?")


def parse_duration(text, option="older_than"):
    """'7d', '12h', '1w2d', '90m', '30s' as a timedelta; ConfigurationError naming ``option`` and the value for one
    that is no duration or longer than LONGEST."""
    compact = (text or "").replace(" ", "").lower()
    if not compact or DURATION.sub("", compact):
        raise ConfigurationError("%s %s is not a duration such as 7d, 12h, 1w2d or 90m" % (option, shown_value(text)))
    counts = [(count.lstrip("0") or "0", unit) for count, unit in DURATION.findall(compact)]
    # More digits than the bound has is over it, and never reaches int() (which refuses over 4300 digits).
    seconds = None if any(len(count) > len(str(LONGEST_SECONDS)) for count, _unit in counts) else \
        sum(int(count) * UNIT_SECONDS[unit] for count, unit in counts)
    if seconds is None or seconds > LONGEST_SECONDS:
        raise ConfigurationError("%s %s is longer than %s" % (option, shown_value(text), LONGEST))
    return timedelta(seconds=seconds)


def check_name_pattern(option, pattern):
    """``pattern`` when it is a string with something besides spaces: an empty one would silently match nothing
    (or, to leave out, nothing), which hides a teardown gap. ConfigurationError naming ``option`` otherwise."""
    if not isinstance(pattern, str) or not pattern.strip():
        raise ConfigurationError("%s: %s is not a shell-style name pattern such as 'ci-*'" % (option, shown_value(pattern)))
    return pattern


def parse_timestamp(value):
    """An aware UTC datetime from the services' formats (RFC 3339, epoch milliseconds, YYYYMMDDHHmmss), else None."""
    if isinstance(value, bool) or value in (None, ""):
        return None
    if isinstance(value, (int, float)):
        return datetime.fromtimestamp(value / 1000.0, timezone.utc)
    text = str(value).strip()
    if COMPACT_TIME.fullmatch(text):
        return datetime.strptime(text, "%Y%m%d%H%M%S").replace(tzinfo=timezone.utc)
    go_time = GO_TIME.fullmatch(text)
    if go_time:
        text = "%sT%s%s:%s" % go_time.groups()
    text = text.replace("Z", "+00:00").replace(" ", "T")
    text = re.sub(r"(\.\d{1,6})\d*", r"\1", text)  # fromisoformat takes at most microseconds
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def check_statuses(listing, statuses, where="status"):
    """The statuses as the service spells them, whatever case they were given in (CCE says Success, Workspace
    SUCCESS, CodeArts Build blue); ConfigurationError naming the values and the valid ones when a status is not
    one the service documents, so that a filter never selects nothing for a misspelling. Where the service
    documents no statuses (DCS), the values are kept and select() compares them regardless of case."""
    if statuses is None:
        return None
    bad = [value for value in statuses if not isinstance(value, str) or not value.strip()]
    if bad:
        raise ConfigurationError("%s: %s %s not a status" % (where, ", ".join(shown_value(value) for value in bad),
                                                             "is" if len(bad) == 1 else "are"))
    if listing.statuses is None:
        return [value.strip() for value in statuses]
    spelled = dict((status.lower(), status) for status in listing.statuses)
    unknown = [value for value in statuses if value.strip().lower() not in spelled]
    if unknown:
        raise ConfigurationError("%s: %s %s not among the statuses the service documents: %s"
                                 % (where, ", ".join(shown_value(value) for value in unknown),
                                    "is" if len(unknown) == 1 else "are", ", ".join(listing.statuses)))
    return [spelled[value.strip().lower()] for value in statuses]


def select(items, fields, statuses=None, name_pattern=None, older_than=None, now=None):
    """Items matching every given filter, each with normalized 'id' and 'status' added. Statuses match regardless
    of case (check_statuses has already spelled them as the service does, where it documents them)."""
    wanted = set(str(status).lower() for status in statuses or ())
    cutoff = (now or datetime.now(timezone.utc)) - older_than if older_than is not None else None
    selected = []
    for item in items:
        status = field(item, fields["status"])
        if wanted and str(status).lower() not in wanted:
            continue
        if name_pattern is not None:
            name = field(item, fields["name"]) if fields["name"] else None
            if name is None or not fnmatch.fnmatchcase(str(name), name_pattern):
                continue
        if cutoff is not None:
            created = _created(item, fields)
            if created is None or created > cutoff:
                continue
        selected.append(dict(item, id=field(item, fields["id"]), status=status))
    return selected


def _created(item, fields):
    """The item's creation time; None when it has none; ReplyError when it has one we cannot read."""
    value = field(item, fields["created"]) if fields["created"] else None
    created = parse_timestamp(value)
    if created is None and value not in (None, ""):
        raise ReplyError("cannot read the creation time %r of %s (field %s), so older_than cannot be applied; "
                         "please report this format" % (value, field(item, fields["id"]), fields["created"]))
    return created
