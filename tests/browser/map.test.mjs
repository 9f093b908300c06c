// Drives the map page in headless Chromium through chromedriver, with
// nothing but Node's own fetch and test runner: WebDriver is JSON over HTTP.
//
// Needs DATELINE_URL (the page) and CHROMEDRIVER_URL; run.sh sets both.
// Screenshots go to $ARTIFACTS (default artifacts/browser).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PAGE = process.env.DATELINE_URL;
const DRIVER = process.env.CHROMEDRIVER_URL;
const ARTIFACTS = process.env.ARTIFACTS || 'artifacts/browser';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const TIMEOUT_MS = 20000;

let session = null;
let profile = null;

async function wd(method, path, body) {
  const res = await fetch(`${DRIVER}/session${session ? '/' + session : ''}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json();
  if (DEBUG) console.error(method, path, JSON.stringify(json).slice(0, 300));
  if (!res.ok) throw new Error(`${method} ${path}: ${JSON.stringify(json.value).slice(0, 400)}`);
  return json.value;
}

const run = (script, ...args) => wd('POST', '/execute/sync', { script, args });
const find = async (css) => wd('POST', '/elements', { using: 'css selector', value: css });
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf'; // the W3C element key
const DEBUG = process.env.DEBUG_WD; // set to log every WebDriver exchange

/// Polls `script` until it returns something truthy; the page loads data
/// asynchronously, so every check waits for its condition, never a delay.
async function until(what, script, ...args) {
  const end = Date.now() + TIMEOUT_MS;
  for (;;) {
    const v = await run(script, ...args);
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function screenshot(name) {
  const png = await wd('GET', '/screenshot');
  writeFileSync(join(ARTIFACTS, name), Buffer.from(png, 'base64'));
}

const markerCount = () => run('return Number(document.body.dataset.markers || 0)');

before(async () => {
  assert.ok(PAGE && DRIVER, 'DATELINE_URL and CHROMEDRIVER_URL must be set (use tests/browser/run.sh)');
  mkdirSync(ARTIFACTS, { recursive: true });
  profile = mkdtempSync(join(tmpdir(), 'dateline-chromium-'));
  const created = await wd('POST', '', {
    capabilities: {
      alwaysMatch: {
        browserName: 'chrome',
        'goog:chromeOptions': {
          binary: CHROMIUM,
          args: [
            '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
            '--disable-component-update', '--no-first-run', '--disable-sync',
            `--user-data-dir=${profile}`, '--window-size=1400,900',
          ],
        },
      },
    },
  });
  session = created.sessionId;
});

after(async () => {
  if (session) await wd('DELETE', '').catch(() => {});
  if (profile) rmSync(profile, { recursive: true, force: true });
});

test('the page loads and draws markers', async () => {
  await wd('POST', '/url', { url: PAGE });
  const state = await until('data to load', 'return document.body.dataset.ready === "yes" || document.body.dataset.ready === "error" ? document.body.dataset.ready : null');
  assert.equal(state, 'yes', await run('return document.querySelector("#summary").textContent'));
  // Country outlines come from the vendored world atlas, drawn on canvas.
  await until('the base map', 'return document.querySelectorAll("#map canvas").length > 0');
  assert.ok((await markerCount()) > 0, 'no markers drawn');
  const drawn = await until('markers or clusters in the DOM',
    'return document.querySelectorAll("path.ev-marker, .ev-cluster").length');
  assert.ok(drawn > 0);
  await until('the timeline', 'return document.querySelector("#timeline .u-over") !== null');
  await screenshot('01-map.png');
});

test('clicking a marker shows its event and the evidence sentence', async () => {
  // Open clusters until a single marker is visible, as a user would.
  for (let i = 0; i < 6 && (await find('path.ev-marker')).length === 0; i++) {
    const clusters = await find('.ev-cluster');
    assert.ok(clusters.length > 0, 'neither markers nor clusters to click');
    await wd('POST', `/element/${clusters[0][ELEMENT]}/click`, {});
    await until('the cluster to open', 'return !document.querySelector(".leaflet-zoom-anim")');
  }
  const markers = await find('path.ev-marker');
  assert.ok(markers.length > 0, 'no single marker after opening clusters');
  await wd('POST', `/element/${markers[0][ELEMENT]}/click`, {});
  await until('the event panel', 'return document.body.dataset.panel === "event"');
  const evidence = await until('an evidence sentence',
    'const q = document.querySelector("#panel-body blockquote.evidence"); return q && q.textContent.trim().length > 20 ? q.textContent : null');
  assert.ok(evidence.length > 20);
  const heading = await run('return document.querySelector("#panel-body h2").textContent');
  assert.match(heading, /\w/);
  const url = await run('return location.search');
  assert.match(url, /event=/, 'the open event is in the URL');
  await screenshot('02-event.png');
});

test('the full article opens with the event span marked', async () => {
  const links = await find('#panel-body a[data-article]');
  assert.ok(links.length > 0, 'no link to the article');
  await wd('POST', `/element/${links[0][ELEMENT]}/click`, {});
  await until('the article panel', 'return document.body.dataset.panel === "article"');
  const text = await run('return document.querySelector("#panel-body .article-text").textContent.length');
  assert.ok(text > 200, 'article text too short');
  await screenshot('03-article.png');
});

test('brushing the timeline filters the markers and the URL', async () => {
  const before = await markerCount();
  const [over] = await find('#timeline .u-over');
  // Brush from a day before the first week with events to the end of that
  // week, in pixels from the overlay's centre (WebDriver's origin).
  const [x0, x1] = await run(`
    const xs = plot.data[0], day = 86400, w = plot.over.getBoundingClientRect().width;
    return [plot.valToPos(xs[0] - day, 'x') - w / 2, plot.valToPos(xs[0] + 8 * day, 'x') - w / 2].map(Math.round);`);
  const origin = { [ELEMENT]: over[ELEMENT] };
  await wd('POST', '/actions', {
    actions: [{
      type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' },
      actions: [
        { type: 'pointerMove', origin, x: x0, y: 0, duration: 0 },
        { type: 'pointerDown', button: 0 },
        { type: 'pointerMove', origin, x: Math.round((x0 + x1) / 2), y: 0, duration: 100 },
        { type: 'pointerMove', origin, x: x1, y: 0, duration: 100 },
        { type: 'pointerUp', button: 0 },
      ],
    }],
  });
  await wd('DELETE', '/actions');
  const search = await until('the brush in the URL',
    'return /since=/.test(location.search) && /until=/.test(location.search) ? location.search : null');
  const after = await until('markers to change', `return Number(document.body.dataset.markers) !== ${before} ? document.body.dataset.markers : null`);
  assert.ok(Number(after) > 0 && Number(after) < before, `brush kept ${after} of ${before} markers`);
  const form = await run('return [document.querySelector("[name=since]").value, document.querySelector("[name=until]").value]');
  assert.ok(form[0] && form[1] && form[0] <= form[1], `form dates ${form}`);
  assert.ok(search.includes(form[0]));
  await screenshot('04-brushed.png');
});
