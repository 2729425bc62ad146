// The recruiter dashboard: reads /api/funnel and its rollups, its cohorts and sources, and (for
// compliance) the adverse-impact check, and refreshes them whenever the server-sent stream says a
// row changed. Rates and rollups come from the server, which computes them from counts; this page
// only formats and draws them.
"use strict";
import { barChart, fairnessChart, lineChart } from "./dashboard.charts.js";

const STAGES = ["APPLIED", "SCREENED", "INTERVIEWED", "OFFERED"];
const STEP = { SCREENED: "APPLIED_TO_SCREENED", INTERVIEWED: "SCREENED_TO_INTERVIEWED", OFFERED: "INTERVIEWED_TO_OFFERED" };
const NUMBER = new Intl.NumberFormat("en-US");
const $ = (id) => document.getElementById(id);

const state = { role: "", location: "", view: "rows", roles: new Set(), locations: new Set(), lastRows: new Map(),
  chart: "cohorts", dimension: "sex", access: { funnel: true, fairness: false, demoData: false } };

function percent(fraction) {
  return fraction == null ? "–" : (fraction * 100).toFixed(1) + "%";
}

/** Milliseconds as days and hours ("3d 4h"), or hours and minutes below a day. */
function duration(ms) {
  if (ms == null) return "–";
  const minutes = Math.round(ms / 60000);
  const days = Math.floor(minutes / 1440), hours = Math.floor((minutes % 1440) / 60), mins = minutes % 60;
  if (days > 0) return `${days}d ${hours}h`;
  if (hours > 0) return `${hours}h ${mins}m`;
  return minutes > 0 ? `${mins}m` : "< 1m";
}

function cell(text, attributes = {}) {
  const td = document.createElement("td");
  td.textContent = text;
  if (text === "–") td.className = "none";
  for (const [name, value] of Object.entries(attributes)) td.setAttribute(name, value);
  return td;
}

class SignedOut extends Error {}

async function getJson(path) {
  const response = await fetch(path, { headers: { Accept: "application/json" }, credentials: "same-origin" });
  if (response.status === 401) throw new SignedOut(path);
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
}

/** No session (or it ended): the sign-in page instead of the numbers, and no live stream. */
function showSignedOut() {
  $("signed-out").hidden = false;
  for (const id of ["empty", "summary", "breakdown", "charts"]) $(id).hidden = true;
  $("live").dataset.state = "down";
  $("live").textContent = "signed out";
  if (source) { source.close(); source = null; }
}

// The first page of the largest rows: the API pages by most applications first, up to 1,000 rows a page.
const PAGE = "limit=1000";

/** The role and location filter as query parameters, for the funnel's and the chart routes alike. */
function filters() {
  const params = new URLSearchParams();
  if (state.role) params.set("role", state.role);
  if (state.location) params.set("location", state.location);
  return params;
}

function query() {
  const params = new URLSearchParams(PAGE);
  filters().forEach((value, name) => params.set(name, value));
  return "?" + params.toString();
}

function renderSummary(total) {
  $("summary-title").textContent = `${state.role || "All roles"}, ${state.location || "all locations"}`;
  const top = Math.max(1, total.reached.APPLIED || 0);
  const funnel = $("funnel");
  funnel.replaceChildren(...STAGES.map((stage) => {
    const bar = document.createElement("div");
    bar.className = "bar";
    bar.innerHTML = `<span class="name"></span><div class="track"><div class="fill ${stage}"></div></div><span class="count"></span>`;
    bar.querySelector(".name").textContent = stage.charAt(0) + stage.slice(1).toLowerCase();
    bar.querySelector(".fill").style.width = `${(100 * (total.reached[stage] || 0)) / top}%`;
    const count = bar.querySelector(".count");
    count.textContent = NUMBER.format(total.reached[stage] || 0);
    count.dataset.stage = stage;
    count.dataset.metric = "reached";
    return bar;
  }));
  const rows = STAGES.map((stage) => {
    const tr = document.createElement("tr");
    const times = total.timeToStageMillis[stage];
    tr.append(
      cell(stage.charAt(0) + stage.slice(1).toLowerCase()),
      cell(NUMBER.format(total.reached[stage] || 0), { "data-stage": stage, "data-metric": "reached" }),
      cell(stage in total.passed ? NUMBER.format(total.passed[stage]) : "–", { "data-stage": stage, "data-metric": "passed" }),
      cell(stage in total.rejected ? NUMBER.format(total.rejected[stage]) : "–", { "data-stage": stage, "data-metric": "rejected" }),
      cell(NUMBER.format(total.active[stage] || 0), { "data-stage": stage, "data-metric": "active" }),
      cell(STEP[stage] ? percent(total.conversion[STEP[stage]]) : "–", { "data-stage": stage, "data-metric": "conversion" }),
      cell(times ? duration(times.p50) : "–"),
      cell(times ? duration(times.p90) : "–"));
    return tr;
  });
  const overall = document.createElement("tr");
  overall.append(cell("Overall, applied to offered"), cell(""), cell(""), cell(""), cell(""),
    cell(percent(total.conversion.OVERALL), { "data-metric": "overall" }), cell(""), cell(""));
  $("stage-table").tBodies[0].replaceChildren(...rows, overall);
}

function renderRows(rows) {
  const body = $("rows").tBodies[0];
  body.replaceChildren(...rows.map((row) => {
    const key = `${row.role ?? "*"}|${row.location ?? "*"}`;
    const tr = document.createElement("tr");
    tr.dataset.role = row.role ?? "";
    tr.dataset.location = row.location ?? "";
    const active = STAGES.reduce((sum, stage) => sum + (row.active[stage] || 0), 0);
    const offer = row.timeToStageMillis.OFFERED;
    tr.append(
      cell(row.role ?? "All roles"), cell(row.location ?? "All locations"),
      ...STAGES.map((stage) => cell(NUMBER.format(row.reached[stage] || 0), { "data-stage": stage, "data-metric": "reached" })),
      cell(NUMBER.format(active), { "data-metric": "active" }),
      cell(percent(row.conversion.OVERALL), { "data-metric": "overall" }),
      cell(offer ? duration(offer.p50) : "–"));
    const fingerprint = JSON.stringify([row.reached, row.active]);
    if (state.lastRows.has(key) && state.lastRows.get(key) !== fingerprint) tr.classList.add("changed");
    state.lastRows.set(key, fingerprint);
    return tr;
  }));
}

function fillFilter(select, values, current) {
  const known = new Set([...select.options].map((o) => o.value));
  for (const value of [...values].sort()) {
    if (!known.has(value)) select.add(new Option(value, value));
  }
  select.value = current;
}

const CHART_STAGES = ["SCREENED", "INTERVIEWED", "OFFERED"];
const title = (stage) => stage.charAt(0) + stage.slice(1).toLowerCase();

/** Draws the chart of the selected tab from its route's answer. */
async function refreshChart() {
  const chart = $("chart");
  const scope = `${state.role || "all roles"}, ${state.location || "all locations"}`;
  $("dimension-label").hidden = state.chart !== "fairness";
  if (state.chart === "cohorts" || state.chart === "times") {
    const params = filters();
    params.set("limit", "1");
    const cohorts = await getJson("/api/funnel/cohorts?" + params);
    const weeks = cohorts.totals.map((t) => t.cohort);
    if (state.chart === "cohorts") {
      $("chart-caption").textContent = `Of those who applied each week (${scope}): the share that has reached each stage.`;
      lineChart(chart, "Cohort conversion by week", weeks, CHART_STAGES.map((stage) => ({ name: title(stage),
        values: cohorts.totals.map((t) => (t.reached.APPLIED ? t.reached[stage] / t.reached.APPLIED : 0)) })), percent, 0.05);
    } else {
      $("chart-caption").textContent = `Time from applying to each stage, by the week they applied (${scope}): p50 solid, p90 dashed.`;
      lineChart(chart, "Time to stage by week", weeks, CHART_STAGES.flatMap((stage, s) => ["p50", "p90"].map((q) => ({
        name: `${title(stage)} ${q}`, dashed: q === "p90", colour: s,
        values: cohorts.totals.map((t) => t.timeToStageMillis[stage][q]) }))), duration);
    }
  } else if (state.chart === "sources") {
    const sources = await getJson("/api/funnel/by-source?" + filters());
    $("chart-caption").textContent = `Applications and offers by where the applications came from (${scope}).`;
    barChart(chart, "Applications and offers by source", sources.rows.map((r) => r.source), [
      { name: "Applications", values: sources.rows.map((r) => r.reached.APPLIED) },
      { name: "Offers", values: sources.rows.map((r) => r.reached.OFFERED) }], (v) => NUMBER.format(Math.round(v)));
  } else {
    const params = filters();
    params.set("dimension", state.dimension);
    const fairness = await getJson("/api/fairness?" + params);
    $("chart-caption").textContent = `Selection rate per self-identified group at each deciding stage (${scope}). Red and ⚑: `
      + `under four fifths of the highest group's rate (dashed line). Groups under ${fairness.minimumGroupSize} people `
      + "considered are suppressed; those who declined are shown, never flagged.";
    chart.replaceChildren();
    for (const stage of fairness.stages) fairnessChart(chart, stage.stage, stage.groups, percent);
  }
  $("charts").hidden = false;
}

async function refresh() {
  $("signed-out").hidden = true;
  $("sign-out").hidden = false;
  if (!state.access.funnel) {
    // Compliance: the fairness tab alone.
    await refreshChart();
    document.body.dataset.loaded = "true";
    return;
  }
  const all = await getJson("/api/funnel?" + PAGE);
  all.rows.forEach((row) => { state.roles.add(row.role); state.locations.add(row.location); });
  fillFilter($("role"), state.roles, state.role);
  fillFilter($("location"), state.locations, state.location);

  const filtered = state.role || state.location ? await getJson("/api/funnel" + query()) : all;
  const empty = (all.total.reached.APPLIED || 0) === 0 && all.rows.length === 0;
  $("empty").hidden = !empty;
  $("summary").hidden = empty;
  $("breakdown").hidden = empty;
  renderSummary(filtered.total);
  const breakdown = state.view === "rows" ? filtered
    : await getJson((state.view === "by-role" ? "/api/funnel/by-role?" : "/api/funnel/by-location?") + PAGE);
  // A rollup spans the other dimension, so the filter applies only to its own.
  renderRows(breakdown.rows.filter((row) => (state.view !== "by-role" || !state.role || row.role === state.role)
    && (state.view !== "by-location" || !state.location || row.location === state.location)));
  $("as-of").textContent = "as of " + new Date(filtered.asOf).toLocaleTimeString();
  if (!empty) await refreshChart();
  document.body.dataset.loaded = "true";
}

/** Who is signed in may see which tabs; and whether the numbers are the demo's. */
async function signIn() {
  state.access = await getJson("/api/dashboard");
  $("demo-data").hidden = !state.access.demoData;
  const fairnessTab = document.querySelector('#chart-tabs [data-chart="fairness"]');
  fairnessTab.hidden = !state.access.fairness;
  if (!state.access.funnel) {
    document.querySelectorAll("#chart-tabs button").forEach((b) => { b.hidden = b !== fairnessTab; });
    for (const id of ["role", "location"]) $(id).closest("label").hidden = true;
    selectChart(fairnessTab);
  }
}

function selectChart(button) {
  document.querySelectorAll("#chart-tabs button").forEach((b) => b.setAttribute("aria-selected", String(b === button)));
  state.chart = button.dataset.chart;
}

// Several rows change at once under load: refresh at most every 300 ms, and never two at a time.
let pending = null, running = false;
function scheduleRefresh() {
  if (pending) return;
  pending = setTimeout(async () => {
    pending = null;
    if (running) { scheduleRefresh(); return; }
    running = true;
    try { await refresh(); } catch (error) { if (error instanceof SignedOut) showSignedOut(); else console.warn(error); }
    finally { running = false; }
  }, 300);
}

let source = null;

function listen() {
  const live = $("live");
  if (!state.access.funnel) {
    // The live stream is the funnel's: compliance alone reads the check again every few seconds.
    live.dataset.state = "live";
    live.textContent = "refreshing every 5 s";
    setInterval(scheduleRefresh, 5000);
    return;
  }
  // Same origin: the browser sends the session cookie with the stream's request too.
  source = new EventSource("/api/funnel/stream");
  source.onopen = () => { live.dataset.state = "live"; live.textContent = "live"; scheduleRefresh(); };
  source.addEventListener("row", scheduleRefresh);
  source.onmessage = scheduleRefresh;
  // A stream that fails may mean the session ended: the next refresh finds out.
  source.onerror = () => { live.dataset.state = "down"; live.textContent = "reconnecting…"; scheduleRefresh(); };
}

document.addEventListener("DOMContentLoaded", () => {
  $("role").addEventListener("change", (e) => { state.role = e.target.value; scheduleRefresh(); });
  $("location").addEventListener("change", (e) => { state.location = e.target.value; scheduleRefresh(); });
  document.querySelectorAll("#breakdown .tabs button").forEach((button) => button.addEventListener("click", () => {
    document.querySelectorAll("#breakdown .tabs button").forEach((b) => b.setAttribute("aria-selected", String(b === button)));
    state.view = button.dataset.view;
    state.lastRows.clear();
    scheduleRefresh();
  }));
  document.querySelectorAll("#chart-tabs button").forEach((button) => button.addEventListener("click", () => {
    selectChart(button);
    scheduleRefresh();
  }));
  $("dimension").addEventListener("change", (e) => { state.dimension = e.target.value; scheduleRefresh(); });
  signIn().then(refresh).then(listen).catch((error) => { if (error instanceof SignedOut) showSignedOut(); else console.warn(error); });
});
