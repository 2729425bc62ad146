// The recruiter dashboard: reads /api/funnel and its rollups, and refreshes them whenever the
// server-sent stream says a row changed. Rates and rollups come from the server, which computes
// them from counts; this page only formats them.
"use strict";

const STAGES = ["APPLIED", "SCREENED", "INTERVIEWED", "OFFERED"];
const STEP = { SCREENED: "APPLIED_TO_SCREENED", INTERVIEWED: "SCREENED_TO_INTERVIEWED", OFFERED: "INTERVIEWED_TO_OFFERED" };
const NUMBER = new Intl.NumberFormat("en-US");
const $ = (id) => document.getElementById(id);

const state = { role: "", location: "", view: "rows", roles: new Set(), locations: new Set(), lastRows: new Map() };

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
  for (const id of ["empty", "summary", "breakdown"]) $(id).hidden = true;
  $("live").dataset.state = "down";
  $("live").textContent = "signed out";
  if (source) { source.close(); source = null; }
}

// The first page of the largest rows: the API pages by most applications first, up to 1,000 rows a page.
const PAGE = "limit=1000";

function query() {
  const params = new URLSearchParams(PAGE);
  if (state.role) params.set("role", state.role);
  if (state.location) params.set("location", state.location);
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

async function refresh() {
  const all = await getJson("/api/funnel?" + PAGE);
  $("signed-out").hidden = true;
  $("sign-out").hidden = false;
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
  document.body.dataset.loaded = "true";
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
  document.querySelectorAll(".tabs button").forEach((button) => button.addEventListener("click", () => {
    document.querySelectorAll(".tabs button").forEach((b) => b.setAttribute("aria-selected", String(b === button)));
    state.view = button.dataset.view;
    state.lastRows.clear();
    scheduleRefresh();
  }));
  refresh().then(listen).catch((error) => { if (error instanceof SignedOut) showSignedOut(); else console.warn(error); });
});
