// ticketflow dashboard: plain JavaScript, no framework, no external assets. Everything it shows comes from the
// producer's decided state: /tickets (listing), /tickets/{id}, /dashboard/summary and /dashboard/events (SSE).
'use strict';

const STATUSES = ['QUEUED', 'RUNNING', 'RETRYING', 'SUCCEEDED', 'FAILED', 'CANCELLED'];
const TERMINAL = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED']);
const PAGE_SIZE = 25;
const RESULT_CAP = 20000;
const $ = (id) => document.getElementById(id);

const state = {
  settings: {},
  page: [],          // the tickets shown, newest first
  next: null,        // cursor of the following page
  detail: null,      // the ticket open in the detail panel
  seen: new Map(),   // ticket id -> [{status, attempt, at}] seen live on this page, for the timeline
  types: new Set(),
};

// ---- API calls: every call carries the API key when one is set (kept in sessionStorage, this tab only).

function apiKey() { return sessionStorage.getItem('ticketflow.apiKey'); }

async function api(path, options = {}) {
  const headers = new Headers(options.headers || {});
  if (apiKey()) headers.set('Authorization', 'Bearer ' + apiKey());
  const response = await fetch(path, { ...options, headers });
  if (response.status === 401 || response.status === 403) {
    if (await askForKey()) return api(path, options);
  }
  return response;
}

function askForKey() {
  const dialog = $('key-dialog');
  if (dialog.open) return new Promise((resolve) => dialog.addEventListener('close', () => resolve(dialog.returnValue === 'save'), { once: true }));
  $('key-input').value = apiKey() || '';
  dialog.showModal();
  return new Promise((resolve) => dialog.addEventListener('close', () => {
    if (dialog.returnValue === 'save') sessionStorage.setItem('ticketflow.apiKey', $('key-input').value.trim());
    resolve(dialog.returnValue === 'save');
  }, { once: true }));
}

// ---- Filters live in the URL: ?status=&type=&cursor=&ticket=, so back/forward and reload keep them.

function query() {
  const params = new URLSearchParams(location.search);
  return { status: params.get('status') || '', type: params.get('type') || '', cursor: params.get('cursor') || '',
           ticket: params.get('ticket') || '' };
}

function navigate(changes) {
  const q = { ...query(), ...changes };
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(q)) if (value) params.set(key, value);
  const url = location.pathname + (params.toString() ? '?' + params : '');
  if (url !== location.pathname + location.search) history.pushState(null, '', url);
  render();
}

window.addEventListener('popstate', render);

async function render() {
  const q = query();
  $('filter-status').value = q.status;
  $('filter-type').value = q.type;
  document.querySelectorAll('.count').forEach((el) => el.classList.toggle('selected', el.dataset.status === q.status));
  await loadPage();
  if (q.ticket) openDetail(q.ticket); else closeDetail();
}

// ---- Tickets table

async function loadPage() {
  const q = query();
  const params = new URLSearchParams({ limit: PAGE_SIZE });
  if (q.status) params.set('status', q.status);
  if (q.type) params.set('type', q.type);
  if (q.cursor) params.set('cursor', q.cursor);
  const response = await api('/tickets?' + params);
  if (!response.ok) { showProblem($('tickets-empty'), response); state.page = []; drawTable(); return; }
  const body = await response.json();
  state.page = body.tickets;
  state.next = body.next || null;
  body.tickets.forEach((t) => rememberType(t.type));
  drawTable();
}

function matches(ticket) {
  const q = query();
  return (!q.status || ticket.status === q.status) && (!q.type || ticket.type === q.type);
}

/** A change from the live stream: update its row, add it on the first page, drop it when it left the filter. */
function applyChange(ticket) {
  remember(ticket);
  rememberType(ticket.type);
  const index = state.page.findIndex((t) => t.id === ticket.id);
  if (index >= 0 && ticket.revision < state.page[index].revision) return;
  if (index >= 0 && !matches(ticket)) state.page.splice(index, 1);
  else if (index >= 0) state.page[index] = ticket;
  else if (matches(ticket) && !query().cursor) {
    state.page.push(ticket);
    state.page.sort((a, b) => (b.submittedAt || '').localeCompare(a.submittedAt || ''));
    if (state.page.length > PAGE_SIZE) state.page.length = PAGE_SIZE;
  }
  if (state.detail && state.detail.id === ticket.id) refreshDetail(ticket.id);
}

function drawTable() {
  const body = document.querySelector('#tickets tbody');
  const rows = state.page.map((t) => {
    const tr = el('tr', { 'data-id': t.id });
    if (state.detail && state.detail.id === t.id) tr.className = 'selected';
    tr.append(el('td', { title: t.submittedAt || '' }, time(t.submittedAt)), el('td', { class: 'id', title: t.id }, t.id),
      el('td', {}, t.type || '—'), el('td', { class: 'status-cell' }, statusBadge(t)),
      el('td', {}, String(t.attempt || 0) + (t.maxAttempts ? ' / ' + t.maxAttempts : '')),
      el('td', {}, duration(t.submittedAt, t.startedAt)), el('td', {}, duration(t.startedAt, t.finishedAt)));
    tr.addEventListener('click', () => navigate({ ticket: t.id }));
    return tr;
  });
  body.replaceChildren(...rows);
  $('tickets-empty').hidden = rows.length > 0;
  $('page-older').disabled = !state.next;
  $('page-first').disabled = !query().cursor;
}

function statusBadge(t) {
  const span = el('span', { class: 'status ' + t.status }, t.status);
  const wrap = el('span', {}, span);
  if (t.progress && t.progress.percent != null && !TERMINAL.has(t.status)) wrap.append(el('small', {}, ' ' + t.progress.percent + '%'));
  if (t.priority && t.priority !== 'normal' && t.priority !== 'NORMAL') wrap.append(el('span', { class: 'priority' }, String(t.priority).toLowerCase()));
  return wrap;
}

function rememberType(type) {
  if (!type || state.types.has(type)) return;
  state.types.add(type);
  $('known-types').append(el('option', { value: type }));
}

function remember(ticket) {
  const seen = state.seen.get(ticket.id) || [];
  const last = seen[seen.length - 1];
  if (!last || last.status !== ticket.status || last.attempt !== ticket.attempt) {
    seen.push({ status: ticket.status, attempt: ticket.attempt, at: new Date().toISOString() });
    state.seen.set(ticket.id, seen.slice(-20));
  }
}

// ---- Ticket detail

async function openDetail(id) {
  if (state.detail && state.detail.id === id) return;
  state.detail = { id };
  $('detail').hidden = false;
  $('cancel-outcome').textContent = '';
  await refreshDetail(id);
}

function closeDetail() {
  state.detail = null;
  $('detail').hidden = true;
  drawTable();
}

async function refreshDetail(id) {
  const response = await api('/tickets/' + encodeURIComponent(id));
  if (!state.detail || state.detail.id !== id) return;
  if (!response.ok) {
    $('detail-id').textContent = id;
    $('detail-status').className = 'status';
    $('detail-status').textContent = '';
    $('detail-fields').replaceChildren();
    $('detail-timeline').replaceChildren();
    $('detail-attempts').hidden = true;
    $('detail-result').textContent = '';
    $('cancel-button').hidden = true;
    await showProblem($('detail-error'), response);
    return;
  }
  const t = await response.json();
  state.detail = t;
  remember(t);
  drawDetail(t);
  drawTable();
}

function drawDetail(t) {
  $('detail-id').textContent = t.id;
  $('detail-status').className = 'status ' + t.status;
  $('detail-status').textContent = t.status;
  const progress = $('detail-progress');
  progress.hidden = !(t.progress && t.progress.percent != null);
  if (!progress.hidden) {
    progress.firstElementChild.style.width = Math.max(0, Math.min(100, t.progress.percent)) + '%';
    progress.lastElementChild.textContent = t.progress.percent + '%' + (t.progress.message ? ' · ' + t.progress.message : '');
  }
  drawTimeline(t);
  const fields = [['type', t.type], ['attempt', (t.attempt || 0) + (t.maxAttempts ? ' of ' + t.maxAttempts : '')],
    ['priority', t.priority], ['run at', t.runAt && local(t.runAt)], ['worker', t.worker],
    ['next attempt', t.nextAttemptAt && local(t.nextAttemptAt)], ['timeout', t.timeoutMs && t.timeoutMs + ' ms'],
    ['callback', t.callbackUrl && (t.callbackUrl + (t.callback ? ' — ' + describeCallback(t.callback) : ' — pending'))],
    ['revision', t.revision]];
  const dl = $('detail-fields');
  dl.replaceChildren();
  for (const [name, value] of fields) if (value != null && value !== '') dl.append(el('dt', {}, name), el('dd', {}, String(value)));
  if (t.traceId) {
    const template = state.settings.traceUrl;
    const value = template
      ? el('a', { href: template.replace('{traceId}', encodeURIComponent(t.traceId)), target: '_blank', rel: 'noopener' }, t.traceId)
      : t.traceId;
    dl.append(el('dt', {}, 'trace'), el('dd', { id: 'detail-trace' }, value));
  }
  drawAttempts(t);
  const error = $('detail-error');
  error.hidden = !t.error;
  error.textContent = t.error ? t.error.code + ': ' + (t.error.message || '') : '';
  $('detail-result').textContent = resultText(t);
  $('cancel-button').hidden = TERMINAL.has(t.status);
}

function describeCallback(c) {
  return c.status + (c.attempts ? ' after ' + c.attempts + ' attempt' + (c.attempts > 1 ? 's' : '') : '') + (c.lastError ? ' (' + c.lastError + ')' : '');
}

function resultText(t) {
  if (t.result === undefined) return TERMINAL.has(t.status) ? '(none)' : '(not finished)';
  const text = JSON.stringify(t.result, null, 2);
  return text.length > RESULT_CAP ? text.slice(0, RESULT_CAP) + '\n… ' + (text.length - RESULT_CAP) + ' more characters' : text;
}

/** Waiting (submitted → started) against running (started → finished), then each state this page saw. */
function drawTimeline(t) {
  const box = $('detail-timeline');
  const submitted = t.submittedAt && Date.parse(t.submittedAt);
  const started = t.startedAt && Date.parse(t.startedAt);
  const end = t.finishedAt ? Date.parse(t.finishedAt) : Date.now();
  const waited = submitted ? (started || end) - submitted : 0;
  const ran = started ? end - started : 0;
  const bar = el('div', { class: 'bar', title: 'grey: waiting, blue: running' });
  const total = Math.max(1, waited + ran);
  bar.append(el('i', { class: 'waiting', style: 'width:' + (100 * waited / total) + '%' }),
    el('i', { class: 'running', style: 'width:' + (100 * ran / total) + '%' }));
  const steps = el('ol');
  const step = (label, at, note) => steps.append(el('li', {}, el('b', {}, label), el('time', { datetime: at || '' }, at ? time(at) : ''), el('span', {}, note || '')));
  if (t.submittedAt) step('submitted', t.submittedAt, '');
  if (t.runAt) step('scheduled', t.runAt, 'not before');
  if (t.startedAt) step('started', t.startedAt, 'waited ' + ms(waited) + (t.attempt > 1 ? ' (attempt ' + t.attempt + ')' : ''));
  if (t.status === 'RETRYING' && t.nextAttemptAt) step('retrying', t.nextAttemptAt, 'next attempt due');
  if (t.finishedAt) step(t.status.toLowerCase(), t.finishedAt, started ? 'ran ' + ms(ran) : '');
  else if (!TERMINAL.has(t.status)) step(t.status.toLowerCase(), null, (started ? 'running for ' + ms(ran) : 'waiting for ' + ms(waited)));
  const seen = state.seen.get(t.id) || [];
  if (seen.length > 1) {
    steps.append(el('li', { class: 'seen' }, el('small', {}, 'seen live: ' + seen.map((s) => s.status + ' ' + time(s.at)).join(' → '))));
  }
  box.replaceChildren(bar, steps);
}

/** Each attempt: how it ended, when it started, how long it took, where it ran and why it failed. */
function drawAttempts(t) {
  const table = $('detail-attempts');
  const attempts = t.attempts || [];
  table.hidden = attempts.length === 0;
  table.tBodies[0].replaceChildren(...attempts.map((a) => el('tr', { 'data-attempt': a.attempt },
    el('td', {}, String(a.attempt)),
    el('td', {}, el('span', { class: 'status ' + a.status }, a.status)),
    el('td', {}, el('time', { datetime: a.startedAt || '' }, a.startedAt ? time(a.startedAt) : '')),
    el('td', {}, a.endedAt ? duration(a.startedAt, a.endedAt) : (a.startedAt ? 'running' : '')),
    el('td', {}, a.worker || ''),
    el('td', { class: 'error-text' }, a.error ? a.error.code + ': ' + (a.error.message || '') : ''))));
}

async function cancelTicket() {
  const id = state.detail && state.detail.id;
  if (!id) return;
  const response = await api('/tickets/' + encodeURIComponent(id), { method: 'DELETE' });
  $('cancel-outcome').textContent = response.status === 202 ? 'Cancelled.'
    : response.status === 409 ? 'Already finished: not cancelled.' : 'Cancel failed: HTTP ' + response.status;
  await refreshDetail(id);
}

// ---- Submit form

async function submitTicket(event) {
  event.preventDefault();
  const outcome = $('submit-outcome');
  const body = { type: $('submit-type').value.trim() };
  const payloadText = $('submit-payload').value.trim();
  try {
    if (payloadText) body.payload = JSON.parse(payloadText);
  } catch (e) {
    outcome.textContent = 'payload is not JSON: ' + e.message;
    return;
  }
  if ($('submit-timeout').value) body.timeoutMs = Number($('submit-timeout').value);
  if ($('submit-attempts').value) body.maxAttempts = Number($('submit-attempts').value);
  const response = await api('/tickets', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (response.status === 202 || response.status === 200) {
    const ticket = await response.json();
    outcome.replaceChildren('Accepted: ', el('a', { href: '?ticket=' + encodeURIComponent(ticket.id), id: 'submitted-id' }, ticket.id));
    outcome.querySelector('a').addEventListener('click', (e) => { e.preventDefault(); navigate({ ticket: ticket.id }); });
    applyChange({ ...ticket, type: body.type, revision: ticket.revision || 0, attempt: 0 });
    drawTable();
  } else {
    await showProblem(outcome, response);
  }
}

async function showProblem(target, response) {
  let text = 'HTTP ' + response.status;
  try {
    const problem = await response.json();
    text = (problem.title || text) + (problem.field ? ' (' + problem.field + ')' : '') + (problem.detail ? ': ' + problem.detail : '');
  } catch (ignored) { /* not a problem document */ }
  target.hidden = false;
  target.textContent = text;
}

// ---- Summary: counts, charts, workers

function drawSummary(summary) {
  drawCounts(summary.stats);
  drawCharts(summary.activity);
  drawWorkers(summary.workers);
}

function drawCounts(stats) {
  const box = $('counts');
  const cards = [el('div', { class: 'count', 'data-status': '', style: '--c: #1d2330' }, el('b', { id: 'count-total' }, String(stats.total)), el('span', {}, 'all tickets'))];
  // Statuses this service has beyond the usual ones (SCHEDULED) show once they have tickets.
  for (const status of Object.keys(stats.byStatus)) {
    if (!STATUSES.includes(status)) {
      STATUSES.splice(1, 0, status);
      $('filter-status').append(el('option', { value: status }, status));
    }
  }
  for (const status of STATUSES) {
    const byType = stats.byStatus[status];
    const n = byType ? Object.values(byType).reduce((a, b) => a + b, 0) : 0;
    if (byType) Object.keys(byType).forEach(rememberType);
    cards.push(el('div', { class: 'count', 'data-status': status, style: '--c: var(--' + status.toLowerCase() + ')' },
      el('b', { id: 'count-' + status }, String(n)), el('span', {}, status)));
  }
  cards.forEach((card) => {
    card.classList.toggle('selected', card.dataset.status === query().status && query().status !== '');
    card.addEventListener('click', () => navigate({ status: card.dataset.status, cursor: '' }));
  });
  box.replaceChildren(...cards);
}

function drawCharts(activity) {
  const seconds = activity.slot ? parseDuration(activity.slot) : 10;
  const points = activity.points;
  const times = points.map((p) => p.at);
  chart($('chart-throughput'), times, [
    ['submitted', points.map((p) => p.submitted / seconds)],
    ['finished', points.map((p) => (p.succeeded + p.failed + p.cancelled) / seconds)],
    ['failed', points.map((p) => p.failed / seconds)]], (v) => v.toFixed(v < 10 ? 1 : 0));
  chart($('chart-wait'), times, [['p50', points.map((p) => p.queueWait.count ? p.queueWait.p50 : null)],
    ['p95', points.map((p) => p.queueWait.count ? p.queueWait.p95 : null)], ['p99', points.map((p) => p.queueWait.count ? p.queueWait.p99 : null)]], ms);
  chart($('chart-run'), times, [['p50', points.map((p) => p.runTime.count ? p.runTime.p50 : null)],
    ['p95', points.map((p) => p.runTime.count ? p.runTime.p95 : null)], ['p99', points.map((p) => p.runTime.count ? p.runTime.p99 : null)]], ms);
  $('wait-headline').textContent = activity.queueWait.count ? 'p95 ' + ms(activity.queueWait.p95) : '';
  $('run-headline').textContent = activity.runTime.count ? 'p95 ' + ms(activity.runTime.p95) : '';
}

/** A small line chart in SVG: one polyline per series, gaps where a slot had nothing. */
function chart(box, times, series, format) {
  const W = 360, H = 120, L = 44, B = 16, T = 6;
  const values = series.flatMap(([, v]) => v).filter((v) => v != null);
  const max = niceMax(Math.max(0, ...values));
  const x = (i) => L + (W - L - 4) * i / Math.max(1, times.length - 1);
  const y = (v) => T + (H - T - B) * (1 - v / max);
  const svg = svgEl('svg', { viewBox: `0 0 ${W} ${H}`, preserveAspectRatio: 'none', role: 'img' });
  for (const f of [0, 0.5, 1]) {
    svg.append(svgEl('line', { class: 'grid', x1: L, x2: W - 4, y1: y(max * f), y2: y(max * f) }));
    svg.append(svgText(L - 4, y(max * f) + 3, format(max * f), 'end'));
  }
  if (times.length) {
    svg.append(svgText(L, H - 3, clock(times[0]), 'start'));
    svg.append(svgText(W - 4, H - 3, clock(times[times.length - 1]), 'end'));
  }
  for (const [name, v] of series) {
    let d = '';
    let pen = false;
    v.forEach((value, i) => {
      if (value == null) { pen = false; return; }
      d += (pen ? 'L' : 'M') + x(i).toFixed(1) + ' ' + y(value).toFixed(1);
      pen = true;
      // A dot on each slot with data, so that a lone slot shows too.
      if (value > 0) svg.append(svgEl('circle', { class: 'dot ' + name, cx: x(i).toFixed(1), cy: y(value).toFixed(1), r: 1.8 }));
    });
    if (d) svg.append(svgEl('path', { class: 'line ' + name, d }));
  }
  box.replaceChildren(svg);
}

function niceMax(v) {
  if (v <= 0) return 1;
  const p = Math.pow(10, Math.floor(Math.log10(v)));
  return [1, 2, 5, 10].map((m) => m * p).find((m) => m >= v);
}

function drawWorkers(workers) {
  const body = document.querySelector('#workers tbody');
  body.replaceChildren(...workers.map((w) => {
    const meter = el('span', { class: 'meter' }, el('i', { style: 'width:' + Math.min(100, 100 * w.inFlight / Math.max(1, w.limit)) + '%' }));
    return el('tr', { 'data-worker': w.worker }, el('td', {}, w.worker), el('td', {}, meter, `${w.inFlight} / ${w.limit}`),
      el('td', {}, (w.types || []).join(', ')), el('td', {}, ago(w.at)));
  }));
  $('workers-note').textContent = workers.length ? workers.length + ' alive' : 'none heard from lately';
}

// ---- Live updates: server-sent events read with fetch, so that the API key goes in a header.

async function follow() {
  let backoff = 1000;
  for (;;) {
    try {
      const response = await api('/dashboard/events', { headers: { Accept: 'text/event-stream' } });
      if (!response.ok) throw new Error('HTTP ' + response.status);
      setLive(true);
      backoff = 1000;
      // Changes made while disconnected: read the page again.
      if (follow.reconnected) loadPage();
      follow.reconnected = true;
      await readEvents(response.body, onEvent);
    } catch (e) {
      console.warn('event stream', e);
    }
    setLive(false);
    await new Promise((resolve) => setTimeout(resolve, backoff));
    backoff = Math.min(backoff * 2, 15000);
  }
}

async function readEvents(stream, handle) {
  const reader = stream.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end;
    while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
      let name = 'message';
      const data = [];
      for (const line of block.split(/\r?\n/)) {
        if (line.startsWith('event:')) name = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      if (data.length) handle(name, JSON.parse(data.join('\n')));
    }
  }
}

function onEvent(name, data) {
  if (name === 'summary') drawSummary(data);
  if (name === 'tickets') {
    if (data.resync) { loadPage(); return; }
    data.tickets.forEach(applyChange);
    for (const id of data.expired) {
      state.page = state.page.filter((t) => t.id !== id);
    }
    drawTable();
  }
}

function setLive(on) {
  const live = $('live');
  live.className = 'live ' + (on ? 'on' : 'off');
  live.textContent = on ? 'live' : 'reconnecting…';
}

// ---- Formatting and DOM helpers

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) if (c != null) node.append(c);
  return node;
}

function svgEl(tag, attrs) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
}

function svgText(x, y, text, anchor) {
  const node = svgEl('text', { x, y, 'text-anchor': anchor });
  node.textContent = text;
  return node;
}

function ms(v) {
  if (v == null || isNaN(v)) return '—';
  if (v < 1000) return Math.round(v) + ' ms';
  if (v < 60000) return (v / 1000).toFixed(v < 10000 ? 2 : 1) + ' s';
  if (v < 3600000) return (v / 60000).toFixed(1) + ' min';
  return (v / 3600000).toFixed(1) + ' h';
}

function duration(from, to) { return from && to ? ms(Date.parse(to) - Date.parse(from)) : ''; }
function time(iso) { return iso ? new Date(iso).toLocaleTimeString([], { hour12: false }) : ''; }
function clock(iso) { return new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hour12: false }); }
function local(iso) { return new Date(iso).toLocaleString([], { hour12: false }); }
function ago(iso) { return ms(Date.now() - Date.parse(iso)) + ' ago'; }

/** An ISO-8601 duration as Jackson writes it (PT10S) in seconds. */
function parseDuration(text) {
  if (typeof text === 'number') return text;
  const m = /PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?/.exec(text);
  return m ? (+(m[1] || 0)) * 3600 + (+(m[2] || 0)) * 60 + (+(m[3] || 0)) : 10;
}

// ---- Start

document.addEventListener('DOMContentLoaded', async () => {
  for (const status of STATUSES) $('filter-status').append(el('option', { value: status }, status));
  $('filters').addEventListener('submit', (e) => {
    e.preventDefault();
    navigate({ status: $('filter-status').value, type: $('filter-type').value.trim(), cursor: '' });
  });
  $('filter-status').addEventListener('change', () => navigate({ status: $('filter-status').value, cursor: '' }));
  const search = () => { const id = $('search-id').value.trim(); if (id) navigate({ ticket: id }); };
  $('search-button').addEventListener('click', search);
  $('search-id').addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); search(); } });
  $('page-older').addEventListener('click', () => navigate({ cursor: state.next }));
  $('page-first').addEventListener('click', () => navigate({ cursor: '' }));
  $('detail-close').addEventListener('click', () => navigate({ ticket: '' }));
  $('cancel-button').addEventListener('click', cancelTicket);
  $('submit-form').addEventListener('submit', submitTicket);
  $('key-button').addEventListener('click', askForKey);
  const settings = await api('/dashboard/settings');
  if (settings.ok) state.settings = await settings.json();
  await render();
  follow();
});
