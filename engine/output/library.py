"""`entente profiles list`: the library's partners (tier, age, stale or not, layer) and forums, as text or JSON."""

from __future__ import annotations

import datetime as dt

import msgspec

from ..model import Forum, PartnerProfile
from .json_out import dumps


class LibraryListing(msgspec.Struct, frozen=True):
    partners: list[PartnerProfile]
    forums: list[Forum]
    today: dt.date
    max_age: int
    layers: dict[str, dict[str, list[str]]] = msgspec.field(default_factory=dict)  # kind -> id -> layers, lowest first

    def stale(self, partner: PartnerProfile) -> bool:
        return partner.as_of is None or (self.today - partner.as_of).days > self.max_age

    def layer(self, kind: str, ref: str) -> tuple[str, list[str]]:
        """The layer a profile is used from, and the lower layers it overrides."""
        held = self.layers.get(kind, {}).get(ref) or ["-"]
        return held[-1], held[:-1]

    def shown_layer(self, kind: str, ref: str) -> str:
        used, under = self.layer(kind, ref)
        return used + (f" (over {', '.join(under)})" if under else "")


def listing_of(library, today: dt.date, max_age: int) -> LibraryListing:
    """Every profile of the library (validated), with the layers that hold each id."""
    from ..core.library import load_all

    partners, forums = load_all(library)
    layers = {
        kind: {ref: [layer.name for layer in held] for ref, held in library.placed(kind).items()}
        for kind in ("partner", "forum")
    }
    return LibraryListing(partners, forums, today, max_age, layers)


def render_json(listing: LibraryListing) -> str:
    return dumps(listing_data(listing))


def listing_data(listing: LibraryListing) -> dict:
    """The listing as JSON data (`entente profiles list --format json`, the API's catalogue)."""

    def placed(kind: str, ref: str) -> dict:
        used, under = listing.layer(kind, ref)
        return {"layer": used, "overrides": under}

    partners = [
        {
            "id": p.id,
            "name": p.name,
            "tier": p.tier,
            "as_of": p.as_of.isoformat() if p.as_of else None,
            "stale": listing.stale(p),
            "sources": len(p.sources),
            **placed("partner", p.id),
        }
        for p in listing.partners
    ]
    forums = [
        {
            "id": f.id,
            "name": f.name,
            "kind": f.kind,
            "status": f.status,
            "members": f.members,
            "scope": f.scope,
            **placed("forum", f.id),
        }
        for f in listing.forums
    ]
    return {"partners": partners, "forums": forums}


def render_text(listing: LibraryListing) -> str:
    partners, forums = listing.partners, listing.forums
    width = max([len(p.id) for p in partners] + [len(f.id) for f in forums] + [7])
    lines = [f"{'partner':<{width}}  {'tier':<36}  {'as_of':<10}  stale  layer"]
    for p in partners:
        as_of = p.as_of.isoformat() if p.as_of else "-"
        stale = "stale" if listing.stale(p) else ""
        lines.append(f"{p.id:<{width}}  {p.tier:<36}  {as_of:<10}  {stale:<5}  {listing.shown_layer('partner', p.id)}")
    layers = {f.id: listing.shown_layer("forum", f.id) for f in forums}
    wide = max([len(layer) for layer in layers.values()] + [5])
    lines.append(f"\n{'forum':<{width}}  {'kind':<12}  {'status':<10}  {'layer':<{wide}}  members")
    lines += [
        f"{f.id:<{width}}  {f.kind:<12}  {f.status:<10}  {layers[f.id]:<{wide}}  {', '.join(f.members)}" for f in forums
    ]
    lines.append(
        f"\n{len(partners)} partners, {len(forums)} forums \u00b7 stale: as_of missing or older than "
        f"{listing.max_age} days before {listing.today.isoformat()}"
    )
    return "\n".join(lines) + "\n"
