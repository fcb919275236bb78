// The Security Center console: reads GET /v1/stats and /v1/decisions with the admin token (kept in this tab's
// sessionStorage only), draws the charts with the vendored Chart.js, and posts an analyst's feedback.
// Everything that came from callers (user ids, codes, places) is written as text, never as HTML.
'use strict';

const TOKEN_KEY = 'amfa.adminToken';
const $ = (id) => document.getElementById(id);
const state = { charts: {}, stats: null, cursor: null, selected: null };
window.amfa = state; // read by the browser test

async function api(path, options = {}) {
  const token = sessionStorage.getItem(TOKEN_KEY);
  const response = await fetch(path, {
    ...options,
    headers: { 'Authorization': 'Bearer ' + token, 'Content-Type': 'application/json', ...(options.headers || {}) },
  });
  if (response.status === 401) { signOut('The token was refused.'); throw new Error('unauthorized'); }
  const body = await response.json();
  if (!response.ok) throw new Error(body.message || response.statusText);
  return body;
}

function signOut(message) {
  sessionStorage.removeItem(TOKEN_KEY);
  $('dashboard').hidden = true;
  $('sign-in-panel').hidden = false;
  $('sign-in-error').textContent = message || '';
  document.body.dataset.state = 'signed-out';
}

// Filters live in the URL, so a view can be bookmarked or opened by a test.
function filters() {
  const q = new URLSearchParams(location.search);
  return { org: q.get('org') || '', from: q.get('from') || '', to: q.get('to') || '', bucket: q.get('bucket') || 'hour' };
}

function showFilters(f) {
  $('org').value = f.org;
  $('bucket').value = f.bucket;
  $('from').value = f.from ? f.from.slice(0, 19) : '';
  $('to').value = f.to ? f.to.slice(0, 19) : '';
}

function applyFilters(f) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) q.set(k, v);
  history.replaceState(null, '', '?' + q);
  load();
}

function query(f, extra = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...f, ...extra })) if (v) q.set(k, v);
  return q.toString();
}

function chart(id, config) {
  if (state.charts[id]) state.charts[id].destroy();
  state.charts[id] = new Chart($(id), { ...config, options: { animation: false, responsive: true, ...(config.options || {}) } });
}

function fill(tbody, rows) {
  tbody.replaceChildren(...rows.map((cells) => {
    const tr = document.createElement('tr');
    for (const cell of cells) {
      const td = document.createElement('td');
      if (cell instanceof Node) td.append(cell); else td.textContent = cell;
      tr.append(td);
    }
    return tr;
  }));
}

const percent = (rate) => (rate * 100).toFixed(1) + ' %';

function render(stats) {
  state.stats = stats;
  const t = stats.totals;
  $('total-evaluations').textContent = t.evaluations;
  $('total-challenges').textContent = t.challenges;
  $('total-denials').textContent = t.denials;
  $('total-rate').textContent = percent(t.challenge_rate);
  const labels = stats.series.map((b) => b.t.replace('T', ' ').replace(':00Z', ''));
  chart('chart-rate', {
    data: { labels, datasets: [
      { type: 'bar', label: 'evaluations', data: stats.series.map((b) => b.evaluations), backgroundColor: '#9fb3d9', yAxisID: 'y' },
      { type: 'bar', label: 'challenges', data: stats.series.map((b) => b.challenges), backgroundColor: '#f0ad4e', yAxisID: 'y' },
      { type: 'line', label: 'challenge rate', data: stats.series.map((b) => b.challenge_rate), borderColor: '#d9534f', yAxisID: 'rate' },
    ] },
    options: { scales: { rate: { position: 'right', min: 0, max: 1 } } },
  });
  const codes = [...new Set(Object.values(stats.signals).flatMap((c) => Object.keys(c)))];
  chart('chart-signals', {
    type: 'bar',
    data: { labels: Object.keys(stats.signals), datasets: codes.map((code) => ({
      label: code, data: Object.values(stats.signals).map((c) => c[code] || 0) })) },
    options: { indexAxis: 'y', scales: { x: { stacked: true }, y: { stacked: true } } },
  });
  const top = Math.max(1, ...stats.countries.map((c) => c.challenges));
  fill($('countries').tBodies[0], stats.countries.map((c, i) => {
    const bar = document.createElement('span');
    bar.style.width = Math.round(80 * c.challenges / top) + 'px';
    const cell = document.createElement('span');
    cell.append(bar, String(c.challenges));
    return [String(i + 1), c.country, String(c.logins), cell, percent(c.challenge_rate)];
  }));
  fill($('routes').tBodies[0], stats.routes.map((r) => [r.route, String(r.count)]));
  for (const [id, counts] of [['chart-browsers', stats.devices.browsers], ['chart-os', stats.devices.os]]) {
    chart(id, { type: 'doughnut', data: { labels: Object.keys(counts), datasets: [{ data: Object.values(counts) }] } });
  }
  const fp = stats.false_positives;
  const signals = [...new Set([...Object.keys(fp.passed_first_try), ...Object.keys(fp.marked_legitimate)])];
  chart('chart-fp', { type: 'bar', data: { labels: signals, datasets: [
    { label: 'challenge passed on the first try', data: signals.map((s) => fp.passed_first_try[s] || 0) },
    { label: 'marked legitimate', data: signals.map((s) => fp.marked_legitimate[s] || 0) },
  ] } });
}

async function search(more) {
  const f = filters();
  const extra = { user: $('search-user').value, action: $('search-action').value, code: $('search-code').value, limit: '25' };
  if (more) extra.cursor = state.cursor;
  const page = await api('/v1/decisions?' + query({ org: f.org, from: f.from, to: f.to }, extra));
  const tbody = $('decisions').tBodies[0];
  const rows = page.decisions.map((d) => {
    const signals = Object.entries(d.signals).map(([s, c]) => s + ': ' + c).join(', ');
    return [d.at.replace('T', ' '), d.user, d.action, [d.city, d.country].filter(Boolean).join(', '),
      [d.browser, d.os].filter(Boolean).join(' on '), signals];
  });
  if (!more) tbody.replaceChildren();
  const start = tbody.rows.length;
  const holder = document.createElement('tbody');
  fill(holder, rows);
  [...holder.rows].forEach((tr, i) => {
    const d = page.decisions[i];
    tr.dataset.id = d.evaluation_id;
    tr.cells[2].className = 'action-' + d.action;
    tr.addEventListener('click', () => show(d.evaluation_id));
    tbody.append(tr);
  });
  state.cursor = page.next_cursor;
  $('more').hidden = !page.next_cursor;
  return tbody.rows.length - start;
}

async function show(id) {
  const d = await api('/v1/decisions/' + encodeURIComponent(id));
  state.selected = d;
  $('detail-id').textContent = d.evaluation_id;
  $('detail-summary').textContent = `${d.at} · ${d.user} · ${d.action} (${d.confidence}, risk ${d.risk_score}) · `
    + `${[d.city, d.country].filter(Boolean).join(', ') || 'unknown place'} · ${d.ip} · policy ${d.policy_version}`;
  fill($('detail-assessments').tBodies[0], Object.entries(d.assessments).map(([signal, a]) => {
    const details = document.createElement('pre');
    details.textContent = JSON.stringify(a.details, null, 1);
    return [signal, a.confidence, a.code, details];
  }));
  $('detail-reasons').replaceChildren(...d.reasons.map((r) => Object.assign(document.createElement('li'), { textContent: r })));
  $('detail-events').replaceChildren(...d.events.map((e) => Object.assign(document.createElement('li'),
    { textContent: `${e.at} ${e.type} ${JSON.stringify(e.details)}` })));
  $('feedback-status').textContent = '';
  $('detail').hidden = false;
}

async function mark(verdict) {
  const id = state.selected.evaluation_id;
  try {
    const done = await api(`/v1/evaluations/${encodeURIComponent(id)}/feedback`,
      { method: 'POST', body: JSON.stringify({ verdict, source: 'analyst' }) });
    // Said once the detail shows the new event (show() clears the status while it renders).
    await show(id);
    $('feedback-status').textContent = `recorded: ${done.verdict}`;
  } catch (e) {
    $('feedback-status').textContent = 'not recorded: ' + e.message;
  }
}

async function load() {
  if (!sessionStorage.getItem(TOKEN_KEY)) { signOut(); return; }
  $('sign-in-panel').hidden = true;
  $('dashboard').hidden = false;
  document.body.dataset.state = 'loading';
  const f = filters();
  showFilters(f);
  try {
    render(await api('/v1/stats?' + query(f)));
    await search(false);
    document.body.dataset.state = 'ready';
  } catch (e) {
    if (e.message !== 'unauthorized') { $('sign-in-error').textContent = e.message; document.body.dataset.state = 'error'; }
  }
}

function localToIso(value) {
  return value ? new Date(value + 'Z').toISOString().replace('.000Z', 'Z') : '';
}

$('sign-in-form').addEventListener('submit', (e) => {
  e.preventDefault();
  sessionStorage.setItem(TOKEN_KEY, $('token').value.trim());
  $('token').value = '';
  load();
});
$('sign-out').addEventListener('click', () => signOut());
$('filters').addEventListener('submit', (e) => {
  e.preventDefault();
  applyFilters({ org: $('org').value.trim(), from: localToIso($('from').value), to: localToIso($('to').value), bucket: $('bucket').value });
});
for (const button of document.querySelectorAll('[data-range]')) {
  button.addEventListener('click', () => {
    const days = Number(button.dataset.range);
    const to = new Date();
    const from = new Date(to.getTime() - days * 86400000);
    applyFilters({ org: $('org').value.trim(), from: from.toISOString().replace(/\.\d+Z/, 'Z'),
      to: to.toISOString().replace(/\.\d+Z/, 'Z'), bucket: days > 2 ? 'day' : 'hour' });
  });
}
$('search-form').addEventListener('submit', (e) => { e.preventDefault(); search(false); });
$('more').addEventListener('click', () => search(true));
$('detail-close').addEventListener('click', () => { $('detail').hidden = true; });
$('mark-legitimate').addEventListener('click', () => mark('legitimate'));
$('mark-fraudulent').addEventListener('click', () => mark('fraudulent'));
load();
