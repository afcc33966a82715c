"""Server-rendered SVG bar charts (no chart library, no CDN): the geometry is computed here and drawn by
`countries/_chart.html`, which puts the same numbers in a table next to it (the chart's accessible form)."""

from __future__ import annotations

from dataclasses import dataclass, field

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 44, 8, 12, 40


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    series: int
    title: str


@dataclass
class Chart:
    id: str
    title: str
    labels: list[str]
    series: list[tuple[str, list[int | None]]]
    bars: list[Bar] = field(default_factory=list)
    ticks: list[tuple[float, int]] = field(default_factory=list)
    x_labels: list[tuple[float, str]] = field(default_factory=list)
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    baseline: float = HEIGHT - BOTTOM

    @property
    def rows(self) -> list[tuple[str, list[int | None]]]:
        """The table: one row per label, one cell per series."""
        return [(label, [values[index] for _name, values in self.series]) for index, label in enumerate(self.labels)]

    @property
    def empty(self) -> bool:
        return not any(value for _name, values in self.series for value in values if value)


def _nice_top(value: int) -> int:
    if value <= 5:
        return 5
    magnitude = 10 ** (len(str(value)) - 1)
    for step in (1, 2, 2.5, 5, 10):
        top = int(step * magnitude)
        if top >= value:
            return top
    return value


def bar_chart(chart_id: str, title: str, labels: list[str], series: list[tuple[str, list[int | None]]]) -> Chart:
    """Stacked bars: one bar per label, one segment per series (None counts as nothing: a suppressed cell)."""
    chart = Chart(chart_id, title, labels, series)
    totals = [sum(values[index] or 0 for _name, values in series) for index in range(len(labels))]
    top = _nice_top(max(totals, default=0))
    plot_width = WIDTH - LEFT - RIGHT
    plot_height = HEIGHT - TOP - BOTTOM
    slot = plot_width / max(len(labels), 1)
    width = max(slot * 0.7, 1)
    for index, label in enumerate(labels):
        x = LEFT + index * slot + (slot - width) / 2
        stacked = 0
        for number, (name, values) in enumerate(series):
            value = values[index] or 0
            if not value:
                continue
            height = plot_height * value / top
            y = HEIGHT - BOTTOM - plot_height * (stacked + value) / top
            chart.bars.append(
                Bar(
                    round(x, 1),
                    round(y, 1),
                    round(width, 1),
                    round(height, 1),
                    number % 4,
                    f"{label} · {name}: {value}",
                )
            )
            stacked += value
    for step in range(5):
        value = round(top * step / 4)
        chart.ticks.append((round(HEIGHT - BOTTOM - plot_height * step / 4, 1), value))
    every = max(1, len(labels) // 8)
    for index, label in enumerate(labels):
        if index % every == 0:
            chart.x_labels.append((round(LEFT + index * slot + slot / 2, 1), label))
    return chart
