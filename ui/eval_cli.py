"""The model commands: ``jixiao train`` (registered on the main command in ``ui.cli``) and the
``jixiao eval`` commands, figures on the labelled data in corpus/labels or on a gold folder in the
../shared/dev format."""

from __future__ import annotations

from pathlib import Path

import typer

from extract.errors import JixiaoError
from ui.lines import fail, routes_warnings

eval_app = typer.Typer(no_args_is_help=True, help="Evaluations on the labelled data in corpus/labels.")

GoldOption = typer.Option(None, "--gold", help="A gold folder in the ../shared/dev format "
                          "(docs/ID.txt, docs/ID.meta.json, gold/ID.json) instead of corpus/labels.")
ErrorsOption = typer.Option(0, "--errors", help="Also list this many errors (misses, false hits).")


def gold_folder(gold: Path | None) -> Path | None:
    if gold is not None and not (gold / "docs").is_dir():
        fail(f"{gold}: not a gold folder (needs docs/ and gold/)", 2)
    return gold


@eval_app.command("entities")
@routes_warnings
def eval_entities(gold: Path | None = GoldOption, errors: int = ErrorsOption) -> None:
    """Precision, recall and F1 per label, and the share of right `what`, on corpus/labels or --gold.

    Example: jixiao eval entities --gold ../shared/dev
    """
    from extract.evaluation.entities import entity_report

    typer.echo(entity_report(errors, gold_folder(gold)))


@eval_app.command("areas")
@routes_warnings
def eval_areas(gold: Path | None = GoldOption,
               departments: bool = typer.Option(False, "--departments",
                                                help="Also five folds grouped by department (slower).")) -> None:
    """Work-area figures beside the keyword baseline: leave-one-report-out (and grouped by
    department), or the shipped model on --gold, each passage alone and whole reports tagged.

    Example: jixiao eval areas --departments; jixiao eval areas --gold ../shared/dev
    """
    from extract.evaluation.areas import area_report

    typer.echo(area_report(gold_folder(gold), departments))


@eval_app.command("search")
@routes_warnings
def eval_search(gold: Path | None = GoldOption) -> None:
    """nDCG@10 and recall@20 beside plain Whoosh with jieba's ChineseAnalyzer: judged queries on
    the seed passages, or the topic queries on --gold (areas of passages alone and in context).

    Example: jixiao eval search --gold ../shared/dev
    """
    from index.corpus import search_report

    typer.echo(search_report(gold_folder(gold)))


@eval_app.command("indicators")
@routes_warnings
def eval_indicators(gold: Path | None = GoldOption) -> None:
    """Figures that measure the same thing in different reports (a gold `what` in two reports or
    more): the share with a catalogue indicator, the share agreeing within each kind, the names
    two kinds share; on the seed reports' labels or --gold.

    Example: jixiao eval indicators --gold ../shared/dev
    """
    from extract.evaluation.indicators import indicator_report

    typer.echo(indicator_report(gold_folder(gold)))


@eval_app.command("layout")
@routes_warnings
def eval_layout(gold: Path = typer.Option(..., "--gold", help="A gold folder (see `eval entities`)."),
                errors: int = ErrorsOption) -> None:
    """Share of gold passages that land inside one of jixiao's passages, as harvested and as one
    line; titles over 100 characters; years right.

    Example: jixiao eval layout --gold ../shared/dev
    """
    from extract.evaluation.layout import layout_report

    typer.echo(layout_report(gold_folder(gold), errors))


@eval_app.command("meta")
@routes_warnings
def eval_meta(gold: Path = typer.Option(..., "--gold", help="A gold folder (see `eval entities`)."),
              errors: int = ErrorsOption) -> None:
    """Whose report it is: department agreeing (and right where named), region at each level and
    at the gold's lowest, year right.

    Example: jixiao eval meta --gold ../shared/dev --errors 20
    """
    from extract.evaluation.meta import meta_report

    typer.echo(meta_report(gold_folder(gold), errors))


@eval_app.command("renditions")
@routes_warnings
def eval_renditions(gold: Path = typer.Option(..., "--gold", help="A gold folder (see `eval entities`).")) -> None:
    """Each document as a Word file, a LibreOffice PDF and a Chromium PDF, read back against its
    text: figure F1, metadata agreeing, radical characters left (needs soffice and chromium).

    Example: jixiao eval renditions --gold ../shared/dev
    """
    from extract.evaluation.renditions import renditions_report

    typer.echo(renditions_report(gold_folder(gold)))


@eval_app.command("forms")
@routes_warnings
def eval_forms(gold: Path = typer.Option(..., "--gold", help="A gold folder (see `eval entities`).")) -> None:
    """Each document as a web page (navigation, a field box, GBK), a workbook (XLSX, and Excel 97
    and OpenDocument by LibreOffice), a Word 97 file, an OFD and a ZIP bundle, read back against its
    text: figure F1, the year agreeing, the page's publisher taken from its field box.

    Example: jixiao eval forms --gold ../shared/dev
    """
    from extract.evaluation.forms import forms_report

    typer.echo(forms_report(gold_folder(gold)))


@routes_warnings
def train(out: Path | None = typer.Option(None, "--out", help="Model folder (default: models/)."),
          gold: Path | None = typer.Option(None, "--gold", help="Also measure the new model on this gold "
                                           "folder (never trained on) and put the figures in its card.")) -> None:
    """Train the work-area classifier from the labelled passages in corpus/labels.

    Example: jixiao train --gold ../shared/dev
    """
    from extract.training.train import train_areas

    try:
        card = train_areas(out)
        if gold is not None:
            from extract.evaluation.areas import add_gold_figures_to_card
            from extract.paths import models_dir

            card += add_gold_figures_to_card(out or models_dir(), gold_folder(gold))
    except JixiaoError as exc:
        fail(str(exc))
    typer.echo(card)
