"""Committee exports of a page's charts, built on the server from the same plotly figures the page shows
(never a screenshot of the browser): a 16:9 PowerPoint deck, a PDF of the same slides, and PNG/SVG per chart.

One :class:`Slide` per chart: title, headline sentence, the chart, the notes under it (annotations), a footer
stamp (municipality, area, period, price base, basis, source, data date, method) and speaker notes (the
method text). :func:`native_chart` reads a figure's traces into the series PowerPoint draws itself: columns,
bars, lines and stacked columns become native, editable charts whose values are the figure's own (a waterfall
becomes stacked columns on an invisible base; a column chart with budget markers or a line becomes a combined
column/line chart); anything else (shapes such as average lines, box plots, numeric x axes, overlaid bars,
charts crossing zero in a waterfall) is drawn by kaleido as a high-resolution image.

All images of one deck come from one Chromium (kaleido's sync server, started once per deck and stopped after);
decks are built one at a time in a process (:data:`_RENDER_LOCK`), because that server is a singleton.
The PDF is the same slides drawn as images (the chart by the same Chromium, the texts by Pillow, python-pptx's
own dependency) in a PDF written here: no LibreOffice and no PDF library on the server.

Pure: no streamlit. Texts arrive made (the caller's language); numbers in the charts carry Danish formats
(separators ',.' in the figures; Excel number format codes that a Danish Office shows as 1.234,5).
"""
from __future__ import annotations

import copy
import io
import math
import textwrap
import threading
import warnings
import zlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

import plotly.graph_objects as go
from lxml import etree
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import (XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION, XL_MARKER_STYLE,
                             XL_TICK_LABEL_POSITION)
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

#: 16:9 slide, inches
SLIDE_W, SLIDE_H = 13.333, 7.5
MARGIN = 0.5
#: annotation names that mark a user's note drawn on a chart (dashboard: saved annotations): the native chart
#: leaves them out and the slide lists them as text
NOTE_NAME = "user_note"
TEXT_COLOUR = "31333F"
#: the slides' font: on every Office, and metric-equal to Liberation Sans where LibreOffice draws it
FONT = "Arial"
DEFAULT_COLOURS = ("1F5FA8", "A7ADB5", "E39B2D", "6C8EBF", "8E6BBF", "4F9D69")

_RENDER_LOCK = threading.Lock()

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class Slide:
    """One chart of a page as a slide: ``stamp`` is label -> text in order; ``notes`` the speaker notes
    (method text); ``remarks`` short lines shown under the chart (annotations on the years it covers)."""

    title: str
    headline: str
    figure: go.Figure
    stamp: dict[str, str] = field(default_factory=dict)
    notes: str = ""
    remarks: tuple[str, ...] = ()

    @property
    def stamp_text(self) -> str:
        return " · ".join(f"{k}: {v}" for k, v in self.stamp.items() if v)


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float | None, ...]
    colour: str | None = None                 # 'RRGGBB'
    point_colours: tuple[str | None, ...] = ()
    line: bool = False                        # drawn as a line over columns (combined chart)
    markers_only: bool = False                # a line series shown as markers only (budget marks)
    invisible: bool = False                   # the base of a waterfall


@dataclass(frozen=True)
class NativeChart:
    """A chart PowerPoint draws: ``kind`` column | bar | line | stacked_column; values in the figure's unit."""

    kind: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    value_title: str = ""
    decimals: int = 1
    axis_decimals: int = 0
    value_range: tuple[float | None, float | None] = (None, None)
    data_labels: bool = False
    legend: bool = True


# ---- reading a plotly figure ---------------------------------------------------------------------------------

def _colour(value) -> str | None:
    """'#1f5fa8' -> '1F5FA8'; None for anything else (lists, rgba, names)."""
    if isinstance(value, str) and value.startswith("#") and len(value) in (4, 7):
        hex_ = value[1:] if len(value) == 7 else "".join(c * 2 for c in value[1:])
        return hex_.upper()
    return None


def _values(seq) -> list:
    return [] if seq is None else list(seq)


def _decimals(tickformat: str | None, default: int) -> int:
    """',.1f' -> 1; None -> default."""
    if tickformat and "." in tickformat and tickformat.endswith("f"):
        digits = tickformat.rsplit(".", 1)[1][:-1]
        if digits.isdigit():
            return int(digits)
    return default


def _number(v) -> float | None:
    if v is None:
        return None
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else f


def _waterfall(trace, fig: go.Figure) -> NativeChart | None:
    """A vertical waterfall as stacked columns: an invisible base, then the rise (increasing colour), the fall
    (decreasing colour) and the totals (totals colour), each bar's height the step's size. None when a bar would
    cross zero (a stacked base cannot draw that)."""
    if trace.orientation not in (None, "v"):
        return None
    xs, ys = [str(x) for x in _values(trace.x)], [_number(y) for y in _values(trace.y)]
    measures = _values(trace.measure) or ["relative"] * len(ys)
    base, up, down, total = [], [], [], []
    level = 0.0
    for y, m in zip(ys, measures):
        y = y or 0.0
        if m == "absolute":
            level = y
            lo, hi, slot = 0.0, y, total
        elif m == "total":
            lo, hi, slot = 0.0, level, total
        else:
            lo, hi = sorted((level, level + y))
            slot = up if y >= 0 else down
            level += y
        if lo < 0 or hi < 0:
            return None
        base.append(lo if slot is not total else None)
        for s in (up, down, total):
            s.append(round(hi - lo, 9) if s is slot else None)
    colours = [_colour(getattr(getattr(trace, k).marker, "color", None)) for k in ("increasing", "decreasing", "totals")]
    series = (Series("", tuple(base), invisible=True),
              Series("+", tuple(up), colours[0] or "C0392B"),
              Series("-", tuple(down), colours[1] or "1E8449"),
              Series("=", tuple(total), colours[2] or DEFAULT_COLOURS[0]))
    yaxis = fig.layout.yaxis
    rng = tuple(yaxis.range) if yaxis.range else (None, None)
    return NativeChart("stacked_column", tuple(xs), series, value_title=_axis_title(yaxis),
                       decimals=_decimals(trace.texttemplate and trace.texttemplate.replace("%{y:", "").rstrip("}"), 1),
                       axis_decimals=_decimals(yaxis.tickformat, 0), value_range=rng,
                       data_labels=trace.text is not None or trace.texttemplate is not None, legend=False)


def _axis_title(axis) -> str:
    title = axis.title.text if axis.title else None
    return title or ""


def native_chart(fig: go.Figure) -> NativeChart | None:
    """The figure as a chart PowerPoint draws natively, or None when it must be an image.

    Native: one vertical waterfall; or vertical bars (grouped, or stacked with barmode stack/relative), with
    optionally line or marker scatter traces on the same categories; or horizontal bars alone; or line scatter
    traces alone on category (or year) x values. Shapes (average lines), other annotations than the user's notes,
    overlaid bars, box plots and numeric scatter plots are not: those are images."""
    traces = [tr for tr in fig.data if any(_number(v) is not None for v in _values(getattr(tr, "y", None)))
              or any(_number(v) is not None for v in _values(getattr(tr, "x", None)) if tr.type == "bar")]
    if not traces or any(sh.name != NOTE_NAME for sh in fig.layout.shapes or ()):
        return None
    if any(a.name != NOTE_NAME for a in fig.layout.annotations or ()):
        return None
    types = {tr.type for tr in traces}
    if types == {"waterfall"} and len(traces) == 1:
        return _waterfall(traces[0], fig)
    if not types <= {"bar", "scatter"}:
        return None
    bars = [tr for tr in traces if tr.type == "bar"]
    horizontal = any(tr.orientation == "h" for tr in bars)
    if horizontal:
        if len(bars) != len(traces):
            return None
        cat_key, val_key, axis = "y", "x", fig.layout.xaxis
    else:
        cat_key, val_key, axis = "x", "y", fig.layout.yaxis
    barmode = fig.layout.barmode
    if len(bars) > 1 and barmode == "overlay":
        return None
    categories: list[str] = []
    for tr in traces:
        for c in _values(getattr(tr, cat_key)):
            if c is None or (tr.type == "scatter" and not isinstance(c, (str, int))):
                return None
            if str(c) not in categories:
                categories.append(str(c))
    if not bars and any(isinstance(c, float) for tr in traces for c in _values(tr.x)):
        return None
    series = []
    for i, tr in enumerate(traces):
        by_cat = {str(c): _number(v) for c, v in zip(_values(getattr(tr, cat_key)), _values(getattr(tr, val_key)))}
        colour_value = tr.marker.color if tr.marker else None
        if tr.type == "scatter":
            mode = tr.mode or "lines+markers"
            line_colour = _colour(tr.line.color) if tr.line else None
            series.append(Series(tr.name or "", tuple(by_cat.get(c) for c in categories),
                                 line_colour or _colour(colour_value) or DEFAULT_COLOURS[i % len(DEFAULT_COLOURS)],
                                 line=bool(bars), markers_only="lines" not in mode))
            continue
        points: tuple[str | None, ...] = ()
        if isinstance(colour_value, (list, tuple)):
            per_cat = {str(c): _colour(col) for c, col in zip(_values(getattr(tr, cat_key)), colour_value)}
            points = tuple(per_cat.get(c) for c in categories)
        series.append(Series(tr.name or "", tuple(by_cat.get(c) for c in categories),
                             _colour(colour_value) or DEFAULT_COLOURS[i % len(DEFAULT_COLOURS)], points))
    if horizontal:
        kind = "bar"
    elif not bars:
        kind = "line"
    else:
        kind = "stacked_column" if barmode in ("stack", "relative") and len(bars) > 1 else "column"
    labelled = any(tr.text is not None or tr.texttemplate is not None for tr in bars)
    return NativeChart(kind, tuple(categories), tuple(series), value_title=_axis_title(axis),
                       decimals=max(1, _decimals(axis.tickformat, 1)), axis_decimals=_decimals(axis.tickformat, 0),
                       data_labels=labelled and kind != "stacked_column",
                       legend=len(series) > 1 and fig.layout.showlegend is not False)


# ---- images ---------------------------------------------------------------------------------------------------

@contextmanager
def image_server() -> Iterator[None]:
    """One Chromium for every image drawn inside the block (kaleido's sync server); one block at a time."""
    import kaleido

    with _RENDER_LOCK:
        kaleido.start_sync_server(silence_warnings=True)
        try:
            yield
        finally:
            kaleido.stop_sync_server(silence_warnings=True)


def _plain(fig: go.Figure) -> go.Figure:
    out = go.Figure(fig)
    out.update_layout(title=None, margin=dict(t=60))
    return out


def chart_image(fig: go.Figure, fmt: str, width: int = 1600, height: int = 900, scale: float = 1) -> bytes:
    """One figure as PNG or SVG (``fmt``), as the page shows it (with its title)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="The kopts argument is ignored")   # harmless with the server
        return fig.to_image(format=fmt, width=width, height=height, scale=scale)


def _number_format(decimals: int) -> str:
    return "#,##0" + ("." + "0" * decimals if decimals else "")


# ---- the deck --------------------------------------------------------------------------------------------------

def _lines(text: str, width_in: float, pt: float, bold: bool = False) -> int:
    """Lines ``text`` takes in a box ``width_in`` inches wide at ``pt`` points: an average glyph taken as 0,55 em
    (0,6 bold), wide enough for the sans fonts LibreOffice substitutes (DejaVu Sans is the widest met)."""
    per_line = max(10, int(width_in * 72 / (pt * (0.6 if bold else 0.55))))
    return max(1, len(textwrap.wrap(text, per_line)))


def _textbox(slide, top: float, text: str, pt: float, bold: bool = False, colour: str = TEXT_COLOUR) -> float:
    """A text box across the slide at ``top`` inches; returns the bottom of the text (inches)."""
    width = SLIDE_W - 2 * MARGIN
    height = _lines(text, width, pt, bold) * pt * 1.2 / 72 + 0.1
    box = slide.shapes.add_textbox(Inches(MARGIN), Inches(top), Inches(width), Inches(height))
    frame = box.text_frame
    frame.word_wrap = True
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
    run = frame.paragraphs[0].add_run()
    run.text = text
    run.font.size = Pt(pt)
    run.font.name = FONT
    run.font.bold = bold
    run.font.color.rgb = RGBColor.from_string(colour)
    return top + height


def _to_line_chart(chart, line_series: list[int]) -> None:
    """Move the column chart's series ``line_series`` (indices) into a line chart on the same axes: PowerPoint's
    combined chart, which python-pptx does not make itself. The series keep their data in the embedded sheet."""
    plot_area = chart._chartSpace.find(".//" + qn("c:plotArea"))
    bar = plot_area.find(qn("c:barChart"))
    sers = bar.findall(qn("c:ser"))
    line = etree.SubElement(plot_area, qn("c:lineChart"))
    plot_area.remove(line)
    etree.SubElement(line, qn("c:grouping")).set("val", "standard")
    etree.SubElement(line, qn("c:varyColors")).set("val", "0")
    for i in line_series:
        ser = sers[i]
        bar.remove(ser)
        for tag in ("c:invertIfNegative", "c:shape"):
            for el in ser.findall(qn(tag)):
                ser.remove(el)
        etree.SubElement(ser, qn("c:smooth")).set("val", "0")
        line.append(ser)
    etree.SubElement(line, qn("c:marker")).set("val", "1")
    for ax in bar.findall(qn("c:axId")):
        line.append(copy.deepcopy(ax))
    bar.addnext(line)


def _danish(chart) -> None:
    """The chart's language: da-DK (a Danish Office shows '#,##0.0' as 1.234,5 either way)."""
    space = chart._chartSpace
    if space.find(qn("c:lang")) is None:
        lang = etree.Element(qn("c:lang"))
        lang.set("val", "da-DK")
        anchor = space.find(qn("c:date1904"))
        if anchor is not None:
            anchor.addnext(lang)
        else:
            space.insert(0, lang)


def _fill(fmt, colour: str | None) -> None:
    if colour:
        fmt.fill.solid()
        fmt.fill.fore_color.rgb = RGBColor.from_string(colour)


def add_native_chart(slide, spec: NativeChart, left: float, top: float, width: float, height: float):
    """Draw ``spec`` on ``slide`` (inches) as an editable chart; returns the chart."""
    data = CategoryChartData(number_format=_number_format(spec.decimals))
    data.categories = [c.replace("<br>", "\n") for c in spec.categories]
    for s in spec.series:
        data.add_series(s.name, list(s.values))
    kind = {"column": XL_CHART_TYPE.COLUMN_CLUSTERED, "bar": XL_CHART_TYPE.BAR_CLUSTERED,
            "line": XL_CHART_TYPE.LINE_MARKERS, "stacked_column": XL_CHART_TYPE.COLUMN_STACKED}[spec.kind]
    frame = slide.shapes.add_chart(kind, Inches(left), Inches(top), Inches(width), Inches(height), data)
    chart = frame.chart
    chart.has_title = False          # the slide has the title (PowerPoint would name a lone series above it)
    _danish(chart)
    chart.font.size = Pt(14)
    chart.font.name = FONT
    chart.font.color.rgb = RGBColor.from_string(TEXT_COLOUR)
    line_idx = [i for i, s in enumerate(spec.series) if s.line]
    if line_idx and spec.kind in ("column", "stacked_column"):
        _to_line_chart(chart, line_idx)
    chart.has_legend = spec.legend
    if spec.legend:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(14)
    # category labels at the plot's edge, not at zero, where negative bars would run through them
    chart.category_axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW
    axis = chart.value_axis
    axis.tick_labels.number_format = _number_format(spec.axis_decimals)
    axis.tick_labels.number_format_is_linked = False
    axis.has_major_gridlines = True
    axis.major_gridlines.format.line.color.rgb = RGBColor.from_string("E5E7EB")
    lo, hi = spec.value_range
    if lo is not None:
        # a round start (84 -> 80) so that the ticks fall on round numbers
        step = 10 ** math.floor(math.log10(max((hi or lo) - lo, 1e-9))) / 5 if hi is not None else 1
        axis.minimum_scale = math.floor(lo / step) * step if lo > 0 else lo
    if hi is not None:
        axis.maximum_scale = hi
    if spec.value_title:
        axis.has_title = True
        axis.axis_title.text_frame.text = spec.value_title
        axis.axis_title.text_frame.paragraphs[0].runs[0].font.size = Pt(14)
        axis.axis_title.text_frame.paragraphs[0].runs[0].font.bold = False
    by_name = {}
    for plot in chart.plots:
        if spec.kind in ("column", "bar", "stacked_column") and plot is chart.plots[0]:
            plot.gap_width = 60
            if spec.kind == "stacked_column":
                plot.overlap = 100
        for ser in plot.series:
            by_name[ser.index] = ser
    for i, s in enumerate(spec.series):
        ser = by_name[i]
        if s.invisible:
            ser.format.fill.background()
            ser.format.line.fill.background()
            continue
        if s.line:
            ser.smooth = False
            ser.format.line.width = Pt(3)
            if s.markers_only:
                ser.format.line.fill.background()
                ser.marker.style = XL_MARKER_STYLE.DASH
                ser.marker.size = 30
            else:
                ser.format.line.color.rgb = RGBColor.from_string(s.colour or DEFAULT_COLOURS[0])
                ser.marker.style = XL_MARKER_STYLE.CIRCLE
                ser.marker.size = 7
            _fill(ser.marker.format, s.colour)
            ser.marker.format.line.color.rgb = RGBColor.from_string(s.colour or DEFAULT_COLOURS[0])
            continue
        if spec.kind == "line":
            ser.smooth = False
            ser.format.line.width = Pt(3)
            ser.format.line.color.rgb = RGBColor.from_string(s.colour or DEFAULT_COLOURS[i % 6])
            ser.marker.style = XL_MARKER_STYLE.CIRCLE
            ser.marker.size = 7
            _fill(ser.marker.format, s.colour)
            continue
        _fill(ser.format, s.colour)
        for j, pc in enumerate(s.point_colours):
            if pc and pc != s.colour:
                _fill(ser.points[j].format, pc)
    if spec.data_labels and not any(s.invisible for s in spec.series):
        plot = chart.plots[0]
        plot.has_data_labels = True
        labels = plot.data_labels
        labels.number_format = _number_format(spec.decimals)
        labels.number_format_is_linked = False
        labels.font.size = Pt(13)
        if spec.kind != "stacked_column":
            labels.position = XL_LABEL_POSITION.OUTSIDE_END
    elif any(s.invisible for s in spec.series):
        # waterfall: the step's size on each visible bar
        for i, s in enumerate(spec.series):
            if not s.invisible:
                ser = by_name[i]
                sign = {"+": '"+"', "-": '"-"'}.get(s.name, "")
                ser.data_labels.number_format = sign + _number_format(spec.decimals)
                ser.data_labels.number_format_is_linked = False
                ser.data_labels.show_value = True
                ser.data_labels.font.size = Pt(13)
                ser.data_labels.font.bold = True
                ser.data_labels.font.color.rgb = RGBColor.from_string("FFFFFF")
    return chart


def _slide_layout(prs: Presentation, spec: Slide):
    slide = prs.slides.add_slide(prs.slide_layouts[6])       # blank: no 4:3 placeholders to move
    y = _textbox(slide, 0.3, spec.title, 26, bold=True)
    if spec.headline:
        y = _textbox(slide, y + 0.08, spec.headline, 17)
    stamp_lines = _lines(spec.stamp_text, SLIDE_W - 2 * MARGIN, 10)
    stamp_h = stamp_lines * 10 * 1.25 / 72 + 0.1
    remark_text = " · ".join(spec.remarks)
    remark_h = (_lines(remark_text, SLIDE_W - 2 * MARGIN, 13) * 13 * 1.25 / 72 + 0.1) if remark_text else 0.0
    bottom = SLIDE_H - 0.25 - stamp_h
    chart_top, chart_bottom = y + 0.15, bottom - remark_h - 0.1
    if remark_text:
        _textbox(slide, chart_bottom + 0.05, remark_text, 13)
    _textbox(slide, bottom, spec.stamp_text, 10, colour="4B5563")
    if spec.notes:
        slide.notes_slide.notes_text_frame.text = spec.notes
    return slide, chart_top, chart_bottom


def build_pptx(slides: Sequence[Slide], progress: Progress | None = None) -> bytes:
    """The deck: one 16:9 slide per :class:`Slide`, native charts where :func:`native_chart` can, images else.
    ``progress(done, total, title)`` is called before each slide."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(SLIDE_W), Inches(SLIDE_H)
    plans = [native_chart(s.figure) for s in slides]
    need_images = any(p is None for p in plans)
    with (image_server() if need_images else _nothing()):
        for i, (spec, plan) in enumerate(zip(slides, plans)):
            if progress:
                progress(i, len(slides), spec.title)
            slide, top, bottom = _slide_layout(prs, spec)
            width, height = SLIDE_W - 2 * MARGIN, bottom - top
            if plan is not None:
                add_native_chart(slide, plan, MARGIN, top, width, height)
            else:
                px_w = 1150     # the page's fonts (15 px) at about 12 pt on the slide
                px_h = int(px_w * height / width)
                png = chart_image(_plain(spec.figure), "png", px_w, px_h, scale=3)
                slide.shapes.add_picture(io.BytesIO(png), Inches(MARGIN), Inches(top), Inches(width), Inches(height))
    if progress:
        progress(len(slides), len(slides), "")
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


@contextmanager
def _nothing() -> Iterator[None]:
    yield


# ---- the PDF ---------------------------------------------------------------------------------------------------

#: fonts for the PDF's text, first found wins (Debian: fonts-liberation, fonts-dejavu-core); else Pillow's own
FONT_FILES = {False: ("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
                      "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
              True: ("/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
                     "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")}
PDF_DPI = 200


def _font(pt: float, bold: bool = False):
    from PIL import ImageFont

    size = round(pt * PDF_DPI / 72)
    for path in FONT_FILES[bold]:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default(size)


def _wrap(draw, text: str, font, width_px: float) -> list[str]:
    """``text`` broken into lines no wider than ``width_px`` (at spaces)."""
    lines: list[str] = []
    for word in text.split():
        if lines and draw.textlength(lines[-1] + " " + word, font=font) <= width_px:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def slide_image(spec: Slide):
    """The slide drawn as a Pillow image (13,333 x 7,5 in at :data:`PDF_DPI`): title, headline, the chart as
    kaleido draws it (the deck's image of a chart PowerPoint cannot draw), remarks and stamp, placed like the
    deck's text boxes."""
    from PIL import Image, ImageDraw

    w, h = round(SLIDE_W * PDF_DPI), round(SLIDE_H * PDF_DPI)
    page = Image.new("RGB", (w, h), "white")
    draw = ImageDraw.Draw(page)
    left, width = MARGIN * PDF_DPI, (SLIDE_W - 2 * MARGIN) * PDF_DPI
    colour = "#" + TEXT_COLOUR

    def block(y: float, text: str, pt: float, bold: bool = False, fill: str = colour) -> float:
        font = _font(pt, bold)
        step = pt * 1.2 * PDF_DPI / 72
        for line in _wrap(draw, text, font, width):
            draw.text((left, y), line, font=font, fill=fill)
            y += step
        return y

    def height(text: str, pt: float, bold: bool = False) -> float:
        return len(_wrap(draw, text, _font(pt, bold), width)) * pt * 1.2 * PDF_DPI / 72 if text else 0.0

    y = block(0.3 * PDF_DPI, spec.title, 26, bold=True)
    if spec.headline:
        y = block(y + 0.08 * PDF_DPI, spec.headline, 17)
    remarks = " · ".join(spec.remarks)
    stamp_top = h - 0.25 * PDF_DPI - height(spec.stamp_text, 10)
    block(stamp_top, spec.stamp_text, 10, fill="#4B5563")
    chart_bottom = stamp_top - 0.1 * PDF_DPI - (height(remarks, 13) + 0.1 * PDF_DPI if remarks else 0)
    if remarks:
        block(chart_bottom + 0.05 * PDF_DPI, remarks, 13)
    top = y + 0.15 * PDF_DPI
    box_w, box_h = round(width), round(chart_bottom - top)
    px_w = 1150
    px_h = round(px_w * box_h / box_w)
    png = chart_image(_plain(spec.figure), "png", px_w, px_h, scale=box_w / px_w)
    chart = Image.open(io.BytesIO(png)).convert("RGB").resize((box_w, box_h))
    page.paste(chart, (round(left), round(top)))
    return page


def pdf_of_images(pages: Sequence[tuple[int, int, bytes]], dpi: int = 150) -> bytes:
    """A PDF with one page per image, each filling its page: ``pages`` holds (width px, height px, RGB bytes).
    Images are stored losslessly (Flate); the page is width/dpi inches wide. Written by hand (the format's
    minimum: catalogue, page tree, per page an image and a content stream drawing it) to need no PDF library."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")            # filled in below, once the page tree's number is known
    tree = add(b"")
    kids = []
    for w, h, rgb in pages:
        data = zlib.compress(rgb, 6)
        image = add(b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB "
                    b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n" % (w, h, len(data))
                    + data + b"\nendstream")
        pw, ph = w * 72 / dpi, h * 72 / dpi
        content = b"q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q" % (pw, ph)
        stream = add(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.2f %.2f] /Resources << /XObject "
                        b"<< /Im0 %d 0 R >> >> /Contents %d 0 R >>" % (tree, pw, ph, image, stream)))
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % tree
    objects[tree - 1] = (b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids)
                         + b"] /Count %d >>" % len(kids))
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % o for o in offsets))
    out.write(b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref))
    return out.getvalue()


def build_pdf(slides: Sequence[Slide], progress: Progress | None = None) -> bytes:
    """The deck's slides as a PDF, one page of 13,333 x 7,5 in each (like the deck), drawn by :func:`slide_image`."""
    pages = []
    with image_server():
        for i, spec in enumerate(slides):
            if progress:
                progress(i, len(slides), spec.title)
            image = slide_image(spec)
            pages.append((image.width, image.height, image.tobytes()))
    if progress:
        progress(len(slides), len(slides), "")
    return pdf_of_images(pages, dpi=PDF_DPI)
