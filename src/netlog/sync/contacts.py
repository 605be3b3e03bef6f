"""Contacts, two ways, between netlog and an address-book folder.

Each card netlog syncs has a row in ``sync_item`` with both sides as they were
at the last sync (netlog's fields, and the card's as read back), the card's
file name, its ETag and a hash of its bytes. A sync:

1. reads the folder: a file whose ETag (or, failing that, bytes) is what the
   last sync left is not parsed again;
2. reads netlog: only the contacts the change journal says changed since the
   last sync, or, when the journal no longer reaches back that far (it keeps the
   latest 200 commands; a restore starts a new one), every contact, compared
   with what the last sync remembered;
3. merges each contact with its card field by field. A field changed on one
   side takes that side's value; changed on both to different values it is a
   *conflict*: reported with both values, and the ``prefer`` side's kept.
   Tags, emails, phones and links merge item by item (what either side added
   stays, what either side removed goes), so they never conflict; a label
   changed on both sides takes the ``prefer`` side's. netlog's own fields
   (met, via, offers, seeks, cadence) missing from a card mean the app there
   dropped them, not that they were cleared;
4. links cards seen for the first time to the contact with that UID (a
   ``vcard-uid`` identifier, or netlog's own), else the one contact with one of
   its emails, else the one with its exact name; first-time differences are
   conflicts, except where one side is empty. An unmatched card becomes a
   contact (with a ``tag`` filter: only cards in that category);
5. writes a card for every contact in scope that has none, and patches the
   cards whose contact changed (only those fields' properties);
6. asks once (``approve``) about deletions: a card deleted elsewhere archives
   its contact (tag ``archived``: history kept, no longer synced); a contact
   deleted in netlog (or archived, or out of the tag filter) deletes its card.
   Not approved, nothing is deleted and the next sync asks again.

netlog's side is written in the caller's unit of work; files are written
atomically as the merge goes (a failed sync is re-run safely: a card already
written is then simply equal on both sides).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from netlog import policy
from netlog.exchange import netlog_uid
from netlog.names import fold
from netlog.records import Channel, Contact
from netlog.repository import Repository
from netlog.repository.syncstate import FolderState, ItemState, SyncStateStore
from netlog.sync import cards
from netlog.sync.cards import LISTS, SCALARS, TAGS, Fields
from netlog.sync.vdir import Vdir, digest

SIDE = "contacts"
# netlog's own fields: a card without them says nothing about them.
_NETLOG_ONLY = ("met", "via", "offers", "seeks", "cadence")
_COLUMNS = {"cadence": "cadence_days"}


@dataclass(frozen=True, slots=True)
class Conflict:
    contact: str
    field: str
    netlog: Any
    remote: Any
    kept: str  # netlog | remote


@dataclass(frozen=True, slots=True)
class Deletion:
    deleted_in: str  # "netlog" (the card would go) or "folder" (the contact is archived)
    contact: str
    contact_id: int | None
    uid: str
    file: str
    history: int  # entries of history the contact has (kept either way)


@dataclass(slots=True)
class ContactsReport:
    folder: str
    new_in_netlog: list[str] = field(default_factory=list)
    new_in_folder: list[str] = field(default_factory=list)
    updated_in_netlog: list[tuple[str, list[str]]] = field(default_factory=list)
    updated_in_folder: list[tuple[str, list[str]]] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    deletions: list[Deletion] = field(default_factory=list)
    deletions_done: bool = False
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, why)
    unchanged: int = 0


@dataclass(slots=True)
class _Remote:
    href: str
    etag: str
    digest: str
    fields: Fields | None  # None: as the last sync left it
    version: str
    data: bytes | None


def _loads(text: str | None) -> Fields | None:
    return json.loads(text) if text else None


def _dumps(fields: Fields) -> str:
    return json.dumps(fields, ensure_ascii=False, sort_keys=True)


def _empty(value: Any) -> bool:
    return value is None or value == []


# ----- merging
def _keys(kind: str, items: list[list[Any]]) -> dict[str, list[Any]]:
    found: dict[str, list[Any]] = {}
    for value, label in items:
        found.setdefault(policy.channel_key(kind, value), [value, label])
    return found


def _comparable(kind: str, items: list[list[Any]]) -> list[tuple[str, Any]]:
    return [(policy.channel_key(kind, v), label) for v, label in items]


def _kept(key: str, here: set[str], there: set[str], base_there: set[str] | None) -> bool:
    """A key on this side only: kept unless the other side had it and removed it."""
    return key in there or base_there is None or key not in base_there


def _merge_list(
    kind: str,
    local: list[list[Any]],
    remote: list[list[Any]],
    base_l: list[list[Any]] | None,
    base_r: list[list[Any]] | None,
    prefer: str,
) -> list[list[Any]]:
    lk, rk = _keys(kind, local), _keys(kind, remote)
    blk = _keys(kind, base_l) if base_l is not None else None
    brk = _keys(kind, base_r) if base_r is not None else None
    l_set, r_set = set(lk), set(rk)
    keep = [
        k
        for k in [*lk, *(k for k in rk if k not in lk)]
        if (k in lk and _kept(k, l_set, r_set, set(brk) if brk is not None else None))
        or (
            k in rk
            and k not in lk
            and _kept(k, r_set, l_set, set(blk) if blk is not None else None)
        )
    ]
    merged: dict[str, list[Any]] = {}
    for k in keep:
        if k in lk and k in rk:
            value, l_label = lk[k]
            r_label = rk[k][1]
            r_changed = brk is None or brk.get(k, [None, None])[1] != r_label
            l_changed = blk is None or blk.get(k, [None, None])[1] != l_label
            label = l_label
            if r_label != l_label and r_changed and (not l_changed or prefer == "remote"):
                label = r_label
            if label is None:
                label = l_label or r_label
            merged[k] = [value, label]
        else:
            merged[k] = list(lk.get(k) or rk[k])
    # The preferred one: the card's first if it changed there, else netlog's.
    first_r = next(iter(rk), None)
    base_first_r = next(iter(brk), None) if brk else None
    first = next(iter(lk), None)
    if first_r is not None and first_r != base_first_r and (brk is not None or first is None):
        first = first_r
    order = list(merged)
    if first in merged:
        order.remove(first)
        order.insert(0, first)
    return [merged[k] for k in order]


def _merge_tags(
    local: list[str], remote: list[str], base_l: list[str] | None, base_r: list[str] | None
) -> list[str]:
    l_set, r_set = set(local), set(remote)
    bl = set(base_l) if base_l is not None else None
    br = set(base_r) if base_r is not None else None
    kept = {t for t in l_set if _kept(t, l_set, r_set, br)}
    kept |= {t for t in r_set - l_set if _kept(t, r_set, l_set, bl)}
    return sorted(kept)


def merge(
    local: Fields,
    remote: Fields,
    base_l: Fields | None,
    base_r: Fields | None,
    prefer: str,
) -> tuple[Fields, list[tuple[str, Any, Any]]]:
    """The merged fields and the conflicts ``(field, netlog's, the card's)``."""
    merged: Fields = {}
    conflicts: list[tuple[str, Any, Any]] = []
    first = base_l is None or base_r is None
    for name in SCALARS:
        lv, rv = local.get(name), remote.get(name)
        if name in _NETLOG_ONLY and rv is None:
            merged[name] = lv
            continue
        if lv == rv:
            merged[name] = lv
            continue
        if first:
            l_changed = r_changed = True
            if _empty(rv) or _empty(lv):
                merged[name] = rv if _empty(lv) else lv
                continue
        else:
            assert base_l is not None and base_r is not None
            l_changed, r_changed = lv != base_l.get(name), rv != base_r.get(name)
        if r_changed and not l_changed:
            merged[name] = rv
        elif l_changed and not r_changed:
            merged[name] = lv
        else:
            conflicts.append((name, lv, rv))
            merged[name] = lv if prefer == "netlog" else rv
        if name == "name" and not merged[name]:
            merged[name] = lv
    merged[TAGS] = _merge_tags(local[TAGS], remote[TAGS], _base(base_l, TAGS), _base(base_r, TAGS))
    for kind in LISTS:
        merged[kind] = _merge_list(
            kind, local[kind], remote[kind], _base(base_l, kind), _base(base_r, kind), prefer
        )
    return merged, conflicts


def _base(fields: Fields | None, name: str) -> Any:
    return fields.get(name) if fields is not None else None


def differs(kind_or_field: str, a: Fields, b: Fields) -> bool:
    if kind_or_field in LISTS:
        return _comparable(kind_or_field, a[kind_or_field]) != _comparable(
            kind_or_field, b[kind_or_field]
        )
    return bool(a.get(kind_or_field) != b.get(kind_or_field))


_ALL_FIELDS = (*SCALARS, TAGS, *LISTS)


def changed_fields(new: Fields, old: Fields) -> list[str]:
    return [
        f
        for f in _ALL_FIELDS
        if differs(f, new, old) and not (f in _NETLOG_ONLY and new.get(f) is None)
    ]


# ----- the sync
class ContactSync:
    def __init__(
        self,
        repo: Repository,
        folder: Vdir,
        *,
        tag: str | None,
        prefer: str,
        today: date,
        stamp_now: str,
    ) -> None:
        self.repo, self.folder, self.tag, self.prefer = repo, folder, tag, prefer
        self.today, self.stamp_now = today, stamp_now
        self.store = SyncStateStore(repo.conn)
        self.report = ContactsReport(str(folder.path))
        self.saved: list[ItemState] = []
        self.dropped: list[str] = []
        self._pending: list[tuple[Deletion, ItemState]] = []
        self._chosen: str | None = None
        self.scope: set[int] = set()

    # -- reading both sides
    def _read_folder(self, states: dict[str, ItemState]) -> dict[str, _Remote]:
        by_href = {s.href: s for s in states.values() if s.href}
        found: dict[str, _Remote] = {}
        for name, entry in sorted(self.folder.entries().items()):
            known = by_href.get(name)
            if known is not None and known.remote and known.etag == entry.etag:
                found[known.uid] = _Remote(name, entry.etag, known.digest or "", None, "", None)
                continue
            data = self.folder.read(name)
            hashed = digest(data)
            if known is not None and known.remote and known.digest == hashed:
                found[known.uid] = _Remote(name, entry.etag, hashed, None, "", data)
                continue
            try:
                card = cards.read_card(data, name)
            except cards.CardError as exc:
                self.report.skipped.append((name, str(exc)))
                continue
            uid = card.uid or f"file:{name}"
            if uid in found:
                self.report.skipped.append((name, f"the same UID as {found[uid].href}"))
                continue
            found[uid] = _Remote(name, entry.etag, hashed, card.fields, card.version, data)
        return found

    def run(self, approve: Callable[[list[Deletion]], bool] | None) -> ContactsReport:
        store = self.store
        previous = store.folder(SIDE)
        if previous is not None and previous.path != str(self.folder.path):
            store.forget(SIDE)  # another folder: everything in it is seen for the first time
            previous = None
        states = store.items(SIDE)
        remote = self._read_folder(states)
        scope = self.scope = store.contact_ids_in_scope(self.tag, policy.SYNC_ARCHIVED_TAG)
        linked = {s.contact_id: s for s in states.values() if s.contact_id is not None}
        whole = (
            previous is None
            or previous.filter != (self.tag or "")
            or not store.journal_reaches(previous.change_set_id, previous.change_set_uid)
        )
        if whole:
            examine = scope | set(linked)
        else:
            assert previous is not None and previous.change_set_id is not None
            examine = store.contacts_changed_since(previous.change_set_id) | (scope - set(linked))
        contacts: dict[int, Contact | None] = {}
        for cid in sorted(examine):
            contact = self.repo.get_contact(cid) if cid in scope else None
            contacts[cid] = contact

        # Cards seen for the first time, linked to a contact or new.
        unlinked_contacts = {cid for cid in scope if cid not in linked}
        new_cards = [uid for uid in remote if uid not in states]
        matches = self._match(new_cards, remote, unlinked_contacts)

        for uid, state in states.items():
            self._known(uid, state, remote.get(uid), contacts)
        for uid in new_cards:
            match = matches.get(uid)
            if match is not None:
                contact = contacts.get(match) or self.repo.get_contact(match)
                assert contact is not None
                unlinked_contacts.discard(match)
                self._first_link(uid, remote[uid], contact)
            else:
                self._new_contact(uid, remote[uid])
        taken = set(self.folder.entries())
        for cid in sorted(unlinked_contacts):
            contact = contacts.get(cid) or self.repo.get_contact(cid)
            if contact is not None:
                self._new_card(contact, taken, remote)
        self._deletions(approve)
        store.save_items(SIDE, self.saved)
        store.drop_items(SIDE, self.dropped)
        mark = store.latest_change_set(self.repo.change_set_id)
        store.save_folder(
            FolderState(SIDE, str(self.folder.path), self.tag or "", self.stamp_now,
                        mark[0] if mark else None, mark[1] if mark else None)
        )  # fmt: skip
        return self.report

    def _match(
        self, uids: list[str], remote: dict[str, _Remote], candidates: set[int]
    ) -> dict[str, int]:
        """Which contact (not yet linked to a card) each new card is."""
        if not uids or not candidates:
            return {}
        own = {
            netlog_uid(cid, created): cid
            for cid, created in self.repo.conn.execute("SELECT id, created_at FROM contact")
            if cid in candidates
        }
        found: dict[str, int] = {}
        for uid in uids:
            fields = remote[uid].fields
            assert fields is not None
            cid = self.repo.ids_by_identifier("vcard-uid", uid) or own.get(uid)
            if cid is None:
                ids = {i for v, _ in fields["email"] for i, _ in self.repo.ids_by_email(v)}
                ids &= candidates
                cid = next(iter(ids)) if len(ids) == 1 else None
            if cid is None:
                ids = {i for i, _ in self.repo.ids_by_name_key(fold(fields["name"]))} & candidates
                cid = next(iter(ids)) if len(ids) == 1 else None
            if cid is not None and cid in candidates and cid not in found.values():
                found[uid] = cid
        return found

    # -- one card and its contact
    def _known(
        self,
        uid: str,
        state: ItemState,
        card: _Remote | None,
        contacts: dict[int, Contact | None],
    ) -> None:
        cid = state.contact_id
        examined = cid in contacts
        contact = contacts.get(cid) if cid is not None else None
        # Deleted in netlog, archived, or out of the tag filter.
        gone_here = cid is None or cid not in self.scope
        if card is None:
            if gone_here:
                self.dropped.append(uid)  # gone on both sides
                return
            contact = contact or (self.repo.get_contact(cid) if cid is not None else None)
            if contact is None:
                self.dropped.append(uid)
                return
            self._pending.append(
                (
                    Deletion("folder", contact.name, contact.id, uid, state.href or "",
                             self.store.history_count(contact.id)),
                    state,
                )
            )  # fmt: skip
            return
        if gone_here:
            base = _loads(state.local) or {}
            name = str(base.get("name") or uid)
            history = self.store.history_count(cid) if cid is not None else 0
            self._pending.append((Deletion("netlog", name, cid, uid, card.href, history), state))
            return
        if not examined and card.fields is None:
            self.report.unchanged += 1
            if card.etag != state.etag or card.href != state.href:
                state.etag, state.href = card.etag, card.href
                self.saved.append(state)
            return
        if contact is None:
            contact = self.repo.get_contact(cid) if cid is not None else None
            assert contact is not None
        local = cards.local_fields(contact)
        base_l, base_r = _loads(state.local), _loads(state.remote)
        remote_fields = card.fields if card.fields is not None else base_r
        assert remote_fields is not None
        self._reconcile(uid, contact, local, remote_fields, base_l, base_r, card)

    def _first_link(self, uid: str, card: _Remote, contact: Contact) -> None:
        assert card.fields is not None
        self.repo.add_identifier(contact.id, "vcard-uid", uid)
        self._reconcile(uid, contact, cards.local_fields(contact), card.fields, None, None, card)

    def _reconcile(
        self,
        uid: str,
        contact: Contact,
        local: Fields,
        remote: Fields,
        base_l: Fields | None,
        base_r: Fields | None,
        card: _Remote,
        new: bool = False,
    ) -> None:
        merged, conflicts = merge(local, remote, base_l, base_r, self.prefer)
        for name, lv, rv in conflicts:
            self.report.conflicts.append(Conflict(contact.name, name, lv, rv, self.prefer))
        to_netlog = changed_fields(merged, local)
        if to_netlog:
            self._apply(contact.id, merged, local, to_netlog)
            refreshed = self.repo.get_contact(contact.id)
            assert refreshed is not None
            contact = refreshed
            self.report.updated_in_netlog.append((contact.name, to_netlog))
        local_now = cards.local_fields(contact)
        to_card = changed_fields(local_now, remote)
        data, etag, hashed, remote_now = card.data, card.etag, card.digest, remote
        if to_card:
            old = data if data is not None else self.folder.read(card.href)
            version = cards.card_version(old)
            data = cards.patch_card(old, contact, set(to_card), version)
            etag = self.folder.write(card.href, data)
            hashed = digest(data)
            remote_now = cards.read_card(data, card.href).fields
            if not new:
                self.report.updated_in_folder.append((contact.name, to_card))
        if not to_netlog and not to_card and base_l == local and card.fields is None:
            self.report.unchanged += 1
        self.saved.append(
            ItemState(uid, card.href, etag, hashed, contact.id, None, _dumps(local_now),
                      _dumps(remote_now))
        )  # fmt: skip

    def _apply(self, cid: int, merged: Fields, local: Fields, names: list[str]) -> None:
        repo = self.repo
        values: dict[str, Any] = {}
        for name in names:
            if name in SCALARS and name != "via":
                values[_COLUMNS.get(name, name)] = merged[name]
            elif name == "via":
                via = merged["via"]
                ids = repo.ids_by_name_key(fold(via)) if via else []
                if via is None or len(ids) == 1:
                    values["via_id"] = ids[0][0] if ids else None
            elif name == TAGS:
                repo.remove_tags(cid, [t for t in local[TAGS] if t not in merged[TAGS]])
                repo.add_tags(cid, [t for t in merged[TAGS] if t not in local[TAGS]])
            else:
                keep = _keys(name, merged[name])
                for value, _ in local[name]:
                    if policy.channel_key(name, value) not in keep:
                        repo.remove_channel(cid, name, value)
                for n, (value, label) in enumerate(merged[name]):
                    repo.add_channel(cid, name, Channel(value, label, preferred=n == 0))
        if values.get("cadence_days") is not None and values["cadence_days"] < 1:
            values.pop("cadence_days")
        repo.update_contact(cid, now=self.stamp_now, **values)
        repo.touch(cid)

    def _new_contact(self, uid: str, card: _Remote) -> None:
        fields = card.fields
        assert fields is not None
        if self.tag and self.tag not in fields[TAGS]:
            return  # not in the chosen category: not netlog's
        channels = [
            (kind, Channel(value, label, preferred=n == 0))
            for kind in LISTS
            for n, (value, label) in enumerate(fields[kind])
        ]
        values = {
            name: fields[name]
            for name in ("company", "title", "note", "birthday", "met", "offers", "seeks")
            if fields[name] is not None
        }
        via = fields["via"]
        if via:
            ids = self.repo.ids_by_name_key(fold(via))
            if len(ids) == 1:
                values["via_id"] = ids[0][0]
        cadence = fields["cadence"] if fields["cadence"] and fields["cadence"] > 0 else None
        cid = self.repo.insert_contact(
            now=self.stamp_now,
            created_on=self.today,
            tags=fields[TAGS],
            channels=channels,
            name=fields["name"],
            cadence_days=cadence or policy.IMPORT_CADENCE_DAYS,
            source="sync",
            **values,
        )
        self.repo.add_identifier(cid, "vcard-uid", uid)
        contact = self.repo.get_contact(cid)
        assert contact is not None
        self.report.new_in_netlog.append(contact.name)
        # The card gets what netlog added (its cadence, its id) in the same run.
        self._reconcile(uid, contact, cards.local_fields(contact), fields, None, None, card,
                        new=True)  # fmt: skip

    def _new_card(self, contact: Contact, taken: set[str], remote: dict[str, _Remote]) -> None:
        uid = netlog_uid(contact.id, contact.created_at)
        if uid in remote:
            return  # a card with netlog's UID exists, linked to another contact
        version = self._version(remote)
        data = cards.new_card(contact, version)
        name = self.folder.new_name(uid, taken)
        taken.add(name)
        etag = self.folder.write(name, data)
        self.repo.add_identifier(contact.id, "vcard-uid", uid)
        self.report.new_in_folder.append(contact.name)
        self.saved.append(
            ItemState(uid, name, etag, digest(data), contact.id, None,
                      _dumps(cards.local_fields(contact)),
                      _dumps(cards.read_card(data, name).fields))
        )  # fmt: skip

    def _version(self, remote: dict[str, _Remote]) -> str:
        """The version of new cards: 4.0, or 3.0 where most of the folder's cards
        (those read this time, else a few of them) are 3.0."""
        if self._chosen is None:
            versions = [r.version for r in remote.values() if r.version]
            if not versions:
                versions = [cards.card_version(self.folder.read(r.href))
                            for r in list(remote.values())[:9]]  # fmt: skip
            three = versions.count("3.0") * 2 > len(versions) > 0
            self._chosen = "3.0" if three else policy.SYNC_CARD_VERSION
        return self._chosen

    def _deletions(self, approve: Callable[[list[Deletion]], bool] | None) -> None:
        pending = [d for d, _ in self._pending]
        self.report.deletions = pending
        if not pending or approve is None or not approve(pending):
            return
        self.report.deletions_done = True
        for deletion, state in self._pending:
            if deletion.deleted_in == "netlog":
                self.folder.delete(deletion.file)
            elif deletion.contact_id is not None:
                self.repo.add_tags(deletion.contact_id, [policy.SYNC_ARCHIVED_TAG])
                self.repo.touch(deletion.contact_id)
            self.dropped.append(state.uid)
