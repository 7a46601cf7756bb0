"""Work-area evaluation: leave-one-report-out figures beside the keyword baseline."""

from __future__ import annotations

from extract.areas.definitions import AREAS
from extract.training.train import leave_one_report_out


def area_report() -> str:
    """Leave-one-report-out work-area figures beside the keyword baseline, as printable text."""
    result = leave_one_report_out()
    lines = [f"work areas, leave-one-report-out over {len(result['reports'])} reports "
             f"({result['passages']} test passages)",
             f"  {'area':<20}{'P':>7}{'R':>7}{'F1':>7}{'support':>9}   {'baseline P':>10}{'R':>7}{'F1':>7}"]
    for code in [*AREAS, "macro"]:
        m, b = result["model"][code], result["baseline"][code]
        lines.append(f"  {code:<20}{m['precision']:7.3f}{m['recall']:7.3f}{m['f1']:7.3f}"
                     f"{int(m['support']):9d}   {b['precision']:10.3f}{b['recall']:7.3f}{b['f1']:7.3f}")
    return "\n".join(lines)
