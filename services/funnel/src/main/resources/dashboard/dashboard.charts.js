// Charts for the dashboard, drawn as plain SVG from the funnel API's answers: no library, nothing
// fetched at run time. Every mark carries the number it draws (data-value, with data-series and
// data-label), so that what a chart shows can be checked against the API.
"use strict";

const SVG = "http://www.w3.org/2000/svg";
const WIDTH = 900, HEIGHT = 300, LEFT = 56, RIGHT = 150, TOP = 16, BOTTOM = 48;
const SERIES_COLOURS = ["#3aa0c8", "#2fb38a", "#e0a21b", "#5b7cfa", "#8a63d2", "#c8483a"];

function element(name, attributes = {}, text) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  if (text != null) node.textContent = text;
  return node;
}

function frame(title) {
  const svg = element("svg", { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: "img", "aria-label": title, class: "chart" });
  svg.append(element("title", {}, title));
  return svg;
}

/** Y axis from 0 to max, with four gridlines labelled by format. */
function axis(svg, max, format) {
  for (let i = 0; i <= 4; i++) {
    const y = TOP + (HEIGHT - TOP - BOTTOM) * (1 - i / 4);
    svg.append(element("line", { x1: LEFT, x2: WIDTH - RIGHT, y1: y, y2: y, class: "grid" }));
    svg.append(element("text", { x: LEFT - 6, y: y + 4, class: "tick", "text-anchor": "end" }, format((max * i) / 4)));
  }
}

function yOf(value, max) {
  return TOP + (HEIGHT - TOP - BOTTOM) * (1 - (max === 0 ? 0 : value / max));
}

function colourOf(series, index) {
  return SERIES_COLOURS[(series.colour ?? index) % SERIES_COLOURS.length];
}

function legend(svg, series) {
  series.forEach((s, i) => {
    const y = TOP + 8 + i * 20;
    svg.append(element("line", { x1: WIDTH - RIGHT + 14, x2: WIDTH - RIGHT + 34, y1: y, y2: y,
      stroke: colourOf(s, i), "stroke-width": 3, "stroke-dasharray": s.dashed ? "5 4" : "" }));
    svg.append(element("text", { x: WIDTH - RIGHT + 40, y: y + 4, class: "legend" }, s.name));
  });
}

/**
 * Lines over labelled points: series [{name, values (null: no point), dashed, colour (an index;
 * default: the series')}], drawn against one y axis from 0 to the largest value (at least minMax).
 */
export function lineChart(container, title, labels, series, format, minMax = 0) {
  const svg = frame(title);
  const max = Math.max(minMax, ...series.flatMap((s) => s.values.filter((v) => v != null)));
  axis(svg, max, format);
  const step = labels.length > 1 ? (WIDTH - LEFT - RIGHT) / (labels.length - 1) : 0;
  const xOf = (i) => (labels.length > 1 ? LEFT + i * step : (LEFT + WIDTH - RIGHT) / 2);
  const every = Math.max(1, Math.ceil(labels.length / 12));
  labels.forEach((label, i) => {
    if (i % every === 0) svg.append(element("text", { x: xOf(i), y: HEIGHT - BOTTOM + 18, class: "tick", "text-anchor": "middle" }, label));
  });
  series.forEach((s, index) => {
    const colour = colourOf(s, index);
    const points = s.values.map((v, i) => (v == null ? null : [xOf(i), yOf(v, max)]));
    let path = "";
    points.forEach((p, i) => { if (p) path += `${path && points[i - 1] ? "L" : "M"}${p[0].toFixed(1)},${p[1].toFixed(1)}`; });
    svg.append(element("path", { d: path, fill: "none", stroke: colour, "stroke-width": 2.5, "stroke-dasharray": s.dashed ? "5 4" : "" }));
    s.values.forEach((v, i) => {
      if (v == null) return;
      const dot = element("circle", { cx: points[i][0], cy: points[i][1], r: 3.5, fill: colour,
        "data-series": s.name, "data-label": labels[i], "data-value": String(v) });
      dot.append(element("title", {}, `${s.name}, ${labels[i]}: ${format(v)}`));
      svg.append(dot);
    });
  });
  legend(svg, series);
  container.replaceChildren(svg);
}

/** Grouped bars: one group per label, one bar per series [{name, values}]. */
export function barChart(container, title, labels, series, format) {
  const svg = frame(title);
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  axis(svg, max, format);
  const band = (WIDTH - LEFT - RIGHT) / Math.max(1, labels.length);
  const width = Math.min(40, (band * 0.8) / series.length);
  labels.forEach((label, i) => {
    const start = LEFT + band * i + (band - width * series.length) / 2;
    svg.append(element("text", { x: LEFT + band * (i + 0.5), y: HEIGHT - BOTTOM + 18, class: "tick", "text-anchor": "middle" }, label));
    series.forEach((s, index) => {
      const y = yOf(s.values[i], max);
      const bar = element("rect", { x: start + index * width, y, width: width - 2, height: HEIGHT - BOTTOM - y,
        fill: SERIES_COLOURS[index % SERIES_COLOURS.length], "data-series": s.name, "data-label": label,
        "data-value": String(s.values[i]) });
      bar.append(element("title", {}, `${s.name}, ${label}: ${format(s.values[i])}`));
      svg.append(bar);
    });
  });
  legend(svg, series);
  container.replaceChildren(svg);
}

/**
 * The adverse-impact check of one stage: each group's selection rate as a bar, a dashed line at
 * four fifths of the reference group's rate, flagged groups in red and marked, suppressed groups
 * as an empty outlined cell.
 */
export function fairnessChart(container, stage, groups, percent) {
  const svg = frame(`Selection rates at ${stage}`);
  svg.append(element("text", { x: WIDTH - RIGHT + 14, y: TOP + 8 + 20, class: "heading" },
    stage.charAt(0) + stage.slice(1).toLowerCase()));
  const shown = groups.filter((g) => !g.suppressed);
  const max = Math.max(0.05, ...shown.map((g) => g.selectionRate));
  axis(svg, max, percent);
  const reference = shown.find((g) => g.impactRatio === 1 && g.group !== "DECLINED");
  const band = (WIDTH - LEFT - RIGHT) / Math.max(1, groups.length);
  const width = Math.min(56, band * 0.7);
  groups.forEach((g, i) => {
    const x = LEFT + band * i + (band - width) / 2;
    svg.append(element("text", { x: LEFT + band * (i + 0.5), y: HEIGHT - BOTTOM + 18, class: "tick", "text-anchor": "middle" },
      g.group.replaceAll("_", " ").toLowerCase()));
    const data = { "data-series": stage, "data-label": g.group, "data-flagged": String(g.flagged),
      "data-suppressed": String(g.suppressed) };
    if (g.suppressed) {
      svg.append(element("rect", { x, y: TOP, width, height: HEIGHT - TOP - BOTTOM, class: "suppressed", ...data }));
      svg.append(element("text", { x: x + width / 2, y: TOP + 16, class: "tick", "text-anchor": "middle" }, "suppressed"));
      return;
    }
    const y = yOf(g.selectionRate, max);
    const bar = element("rect", { x, y, width, height: HEIGHT - BOTTOM - y, class: g.flagged ? "flagged" : "selected",
      "data-value": String(g.selectionRate), ...data });
    bar.append(element("title", {}, `${g.group}: ${g.selected} of ${g.considered} (${percent(g.selectionRate)}), impact ratio `
      + `${g.impactRatio == null ? "–" : g.impactRatio.toFixed(2)}, p = ${g.pValue == null ? "–" : g.pValue.toPrecision(2)}`));
    svg.append(bar);
    svg.append(element("text", { x: x + width / 2, y: y - 6, class: "tick", "text-anchor": "middle" },
      (g.flagged ? "⚑ " : "") + percent(g.selectionRate)));
  });
  if (reference) {
    const y = yOf(0.8 * reference.selectionRate, max);
    svg.append(element("line", { x1: LEFT, x2: WIDTH - RIGHT, y1: y, y2: y, class: "four-fifths",
      "data-value": String(0.8 * reference.selectionRate) }));
    svg.append(element("text", { x: WIDTH - RIGHT + 6, y: y + 4, class: "legend" }, "4/5 of highest"));
  }
  container.append(svg);
}
