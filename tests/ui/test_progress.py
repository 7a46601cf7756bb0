import io

from ui.progress import ProgressLine


def test_the_progress_line_shows_count_rate_and_time_left():
    stream = io.StringIO()
    line = ProgressLine(4, stream)
    assert "ETA --:--" in line.line(0.0)
    line.done = 2
    text = line.line(4.0)
    assert "2/4" in text and "0.5 reports/s" in text and "ETA 00:04" in text
    for _ in range(2):
        line.advance()
    line.close()
    assert stream.getvalue().startswith("\r") and "4/4" in stream.getvalue() and stream.getvalue().endswith("\n")
