"""Outlet names, resolved against the outlet list in `kb/data/outlets.yaml`."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from armswatch.kb.loader import Outlet, alias_key, outlets


def by_name(name: str | None) -> Outlet | None:
    if not name:
        return None
    return outlets().by_alias.get(alias_key(name))


def domain_of(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host.lower().removeprefix("www.")


def by_url(url: str | None) -> Outlet | None:
    """The outlet whose domain the URL is on, subdomains included (hk.aboluowang.com → aboluowang.com)."""
    host = domain_of(url)
    table = outlets().by_domain
    while host:
        if host in table:
            return table[host]
        _, _, host = host.partition(".")
        if "." not in host:
            return None
    return None


def resolve(name: str | None, url: str | None) -> str | None:
    """The canonical outlet: the named one if known, else the URL's, else the name as written, else the domain."""
    outlet = by_name(name) or by_url(url)
    if outlet:
        return outlet.name
    return name.strip() if name and name.strip() else domain_of(url)


def strip_title_suffix(title: str) -> str:
    """Drop a site trailer (" – 法国国际广播电台 - RFI") that a feed appended to a title."""
    for outlet in outlets().all:
        for suffix in outlet.title_suffixes:
            m = re.search(r"\s*[-–—|｜]\s*" + re.escape(suffix) + r"\s*$", title)
            if m and m.start() > 0:
                return title[: m.start()]
    return title
