"""The commands about whose report it is: `jixiao departments` and `jixiao eval meta`."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from extract.errors import JixiaoError
from extract.paths import data_dir
from ui.cli import DataOption, ErrorsOption, _gold_folder, _route_warnings, app, eval_app, fail


@app.command("departments")
def departments(as_json: bool = typer.Option(False, "--json", help="One JSON array of departments."),
                data: Path | None = DataOption) -> None:
    """Every department of the store: its id, names, region and reports by year.

    Example: jixiao departments --json
    """
    from index.departments import list_departments
    from index.store import Store

    try:
        with Store(data_dir(data), create=False) as store:
            found = list_departments(store.db)
    except JixiaoError as exc:
        fail(str(exc))
    if as_json:
        typer.echo(json.dumps([d.to_dict() for d in found], ensure_ascii=False))
        return
    for dept in found:
        years = "; ".join(f"{year or '未注明'}: {', '.join(ids)}" for year, ids in dept.by_year().items())
        aliases = [n for n in dept.names if n != dept.name]
        typer.echo(f"{dept.id}  {dept.name}  ({dept.region or '未注明'})" + (f"  also {', '.join(aliases)}" if aliases else ""))
        typer.echo(f"    {years}")


@eval_app.command("meta")
def eval_meta(gold: Path = typer.Option(..., "--gold", help="A gold folder (see `eval entities`)."),
              errors: int = ErrorsOption) -> None:
    """Whose report it is: department agreeing (and right where named), region at each level and
    at the gold's lowest, year right.

    Example: jixiao eval meta --gold ../shared/dev --errors 20
    """
    from extract.evaluation.meta import meta_report

    _route_warnings()
    typer.echo(meta_report(_gold_folder(gold), errors))
