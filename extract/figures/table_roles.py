"""Metrics: the figures of a passage with what they measure; table rows give target/actual/rate."""

from __future__ import annotations

from extract.records import Entity, Metric


def _roles(entities: list[Entity]) -> list[str | None]:
    """target, actual and rate for a table row's figures of one indicator ("50家 56家 112%")."""
    roles: list[str | None] = [None] * len(entities)
    quantities = [i for i, e in enumerate(entities) if e.label in ("COUNT", "MONEY")]
    rates = [i for i, e in enumerate(entities) if e.label == "PERCENT"]
    if len(quantities) == 2 and len({entities[i].what for i in quantities}) == 1:
        roles[quantities[0]], roles[quantities[1]] = "target", "actual"
        if len(rates) == 1 and rates[0] > quantities[1]:
            roles[rates[0]] = "rate"
    elif len(rates) >= 2 and not quantities and len({entities[i].what for i in rates}) == 1:
        roles[rates[0]], roles[rates[1]] = "target", "actual"
        if len(rates) >= 3:
            roles[rates[2]] = "rate"
    return roles


def passage_metrics(passage_id: str, entities: list[Entity], table_row: bool) -> list[Metric]:
    """One metric per figure (dates are not metrics), with roles in table rows."""
    figures = [e for e in entities if e.label != "DATE"]
    roles = _roles(figures) if table_row else [None] * len(figures)
    return [Metric(what=e.what, value=e.value, unit=e.unit, qualifier=e.qualifier, label=e.label,
                   passage_id=passage_id, role=role) for e, role in zip(figures, roles)]
