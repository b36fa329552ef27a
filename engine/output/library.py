"""`entente profiles list`: the library's partners (tier, age, stale or not) and forums, as text or JSON."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..model import Forum, PartnerProfile
from .json_out import dumps


@dataclass(frozen=True)
class LibraryListing:
    partners: list[PartnerProfile]
    forums: list[Forum]
    today: dt.date
    max_age: int

    def stale(self, partner: PartnerProfile) -> bool:
        return partner.as_of is None or (self.today - partner.as_of).days > self.max_age


def render_json(listing: LibraryListing) -> str:
    return dumps(listing_data(listing))


def listing_data(listing: LibraryListing) -> dict:
    """The listing as JSON data (`entente profiles list --format json`, the API's catalogue)."""
    partners = [
        {
            "id": p.id,
            "name": p.name,
            "tier": p.tier,
            "as_of": p.as_of.isoformat() if p.as_of else None,
            "stale": listing.stale(p),
            "sources": len(p.sources),
        }
        for p in listing.partners
    ]
    forums = [
        {"id": f.id, "name": f.name, "kind": f.kind, "members": f.members, "scope": f.scope} for f in listing.forums
    ]
    return {"partners": partners, "forums": forums}


def render_text(listing: LibraryListing) -> str:
    partners, forums = listing.partners, listing.forums
    width = max([len(p.id) for p in partners] + [len(f.id) for f in forums] + [7])
    lines = [f"{'partner':<{width}}  {'tier':<36}  {'as_of':<10}  stale"]
    for p in partners:
        as_of = p.as_of.isoformat() if p.as_of else "-"
        lines.append(f"{p.id:<{width}}  {p.tier:<36}  {as_of:<10}  {'stale' if listing.stale(p) else ''}".rstrip())
    lines.append(f"\n{'forum':<{width}}  {'kind':<12}  members")
    lines += [f"{f.id:<{width}}  {f.kind:<12}  {', '.join(f.members)}" for f in forums]
    lines.append(
        f"\n{len(partners)} partners, {len(forums)} forums \u00b7 stale: as_of missing or older than "
        f"{listing.max_age} days before {listing.today.isoformat()}"
    )
    return "\n".join(lines) + "\n"
