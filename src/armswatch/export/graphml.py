"""The arms-transfer network as GraphML, for networkx, Gephi, Cytoscape and igraph.

Nodes are the suppliers and recipients of `Store.transfers()`; one directed edge per supplier →
recipient pair gathers every weapon, date, status and article of its rows, so the network has one
arrow per relationship however many weapons or reports it has. A row naming no supplier or no
recipient has no place in a network and is left out (and counted, so the summary says so).

Attributes are plain GraphML types: lists are joined with "; " so every tool reads them as text.
Node and edge ids are n0, n1 … and e0, e1 …, because GraphML ids are XML name tokens, which the '/' of
an entity id is not; the entity id is the node's `entity_id` attribute, its name the `label` Gephi
shows. `weight` (the number of transfer events) is the attribute Gephi and networkx weigh edges by.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import IO, Any

from armswatch.store.base import EntityRef, Store, TransferReport

SEPARATOR = "; "
GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
_SCHEMA = "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"
# Characters XML 1.0 does not allow anywhere, not even escaped.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

# (name, GraphML type) of every attribute, in the order they are declared.
NODE_ATTRIBUTES = (("label", "string"), ("entity_id", "string"), ("name", "string"), ("name_en", "string"),
                   ("type", "string"), ("articles", "int"))
EDGE_ATTRIBUTES = (("weapons", "string"), ("weapon_ids", "string"), ("dates", "string"), ("statuses", "string"),
                   ("events", "int"), ("articles", "int"), ("original_articles", "int"), ("doc_ids", "string"),
                   ("weight", "double"))


@dataclass
class Edge:
    """Every transfer from one supplier to one recipient, whatever the weapon."""

    supplier: EntityRef
    recipient: EntityRef
    weapons: dict[str, str] = field(default_factory=dict)  # id -> name, in row order
    reports: dict[int, TransferReport] = field(default_factory=dict)  # by event id: an event is counted once

    def attributes(self) -> dict[str, Any]:
        reports = sorted(self.reports.values(), key=lambda r: (r.date is None, r.date or ""))
        doc_ids = list(dict.fromkeys(r.doc_id for r in reports))
        originals = {r.doc_id for r in reports if not r.duplicate_of}
        return {"weapons": SEPARATOR.join(self.weapons.values()), "weapon_ids": SEPARATOR.join(self.weapons),
                "dates": SEPARATOR.join(sorted({r.date for r in reports if r.date})),
                "statuses": SEPARATOR.join(dict.fromkeys(r.status for r in reports if r.status)),
                "events": len(reports), "articles": len(doc_ids), "original_articles": len(originals),
                "doc_ids": SEPARATOR.join(doc_ids), "weight": float(len(reports))}


@dataclass
class TransferNetwork:
    nodes: dict[str, dict[str, Any]]  # entity id -> node attributes
    edges: list[Edge]
    # Rows of Store.transfers() naming no supplier or no recipient: not in the network.
    left_out: int = 0


def transfer_network(store: Store) -> TransferNetwork:
    """The network of every TRANSFER event the store holds."""
    edges: dict[tuple[str, str], Edge] = {}
    left_out = 0
    for row in store.transfers():
        if row.supplier is None or row.recipient is None:
            left_out += 1
            continue
        edge = edges.setdefault((row.supplier.id, row.recipient.id), Edge(row.supplier, row.recipient))
        if row.weapon is not None:
            edge.weapons.setdefault(row.weapon.id, row.weapon.name or row.weapon.name_en or row.weapon.id)
        for report in row.articles:
            edge.reports.setdefault(report.event_id, report)
    nodes: dict[str, dict[str, Any]] = {}
    for edge in edges.values():
        for ref in (edge.supplier, edge.recipient):
            if ref.id not in nodes:
                nodes[ref.id] = _node(store, ref)
    return TransferNetwork(nodes, list(edges.values()), left_out)


def _node(store: Store, ref: EntityRef) -> dict[str, Any]:
    """A node's attributes: the names the row gives, the type and article count the store holds."""
    match = next((m for m in store.find_entities(ref.id) if m.id == ref.id), None)
    return {"label": ref.name or ref.name_en or ref.id, "entity_id": ref.id, "name": ref.name,
            "name_en": ref.name_en, "type": match.type if match else None,
            "articles": match.articles if match else None}


def _text(value: Any) -> str:
    if isinstance(value, float):
        return repr(value)
    return _NOT_XML.sub("", str(value))


def _data(parent: ET.Element, keys: dict[str, str], values: dict[str, Any]) -> None:
    for name, key in keys.items():
        value = values.get(name)
        if value is not None and value != "":  # a missing value is left out, as GraphML means it
            ET.SubElement(parent, "data", key=key).text = _text(value)


def write_graphml(store: Store, sink: IO[bytes]) -> dict[str, int]:
    """The transfer network as GraphML (UTF-8) into a binary file; counts of nodes, edges and rows left out."""
    network = transfer_network(store)
    root = ET.Element("graphml", {"xmlns": GRAPHML_NS, "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
                                  "xsi:schemaLocation": _SCHEMA})
    node_keys, edge_keys = {}, {}
    for target, attributes, keys in (("node", NODE_ATTRIBUTES, node_keys), ("edge", EDGE_ATTRIBUTES, edge_keys)):
        for name, kind in attributes:
            keys[name] = key = f"{target[0]}_{name}"
            ET.SubElement(root, "key", {"id": key, "for": target, "attr.name": name, "attr.type": kind})
    graph = ET.SubElement(root, "graph", id="transfers", edgedefault="directed")
    node_ids = {}
    for n, (entity_id, attributes) in enumerate(network.nodes.items()):
        node_ids[entity_id] = f"n{n}"
        _data(ET.SubElement(graph, "node", id=f"n{n}"), node_keys, attributes)
    for n, edge in enumerate(network.edges):
        element = ET.SubElement(graph, "edge", id=f"e{n}", source=node_ids[edge.supplier.id],
                                target=node_ids[edge.recipient.id])
        _data(element, edge_keys, edge.attributes())
    tree = ET.ElementTree(root)
    ET.indent(tree)
    tree.write(sink, encoding="utf-8", xml_declaration=True)
    sink.write(b"\n")
    left_out = {"transfer rows left out (no supplier or no recipient)": network.left_out} if network.left_out else {}
    return {"nodes": len(network.nodes), "edges": len(network.edges), **left_out}
