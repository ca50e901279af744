// The page: draws the cage from the server's state snapshots and log events (Server-Sent
// Events from /api/events) and sends the controls to /api/control. Plain DOM, no build step.
'use strict';

const ATCA = { empty: 'M0', settling: 'M1', identifying: 'M1', adding: 'M2/M3', online: 'M4', ejecting: 'M5', removing: 'M6', off: 'M1', fault: '—' };
const RECORD_TYPES = { 1: 'request', 2: 'start', 3: 'done', 4: 'counters', 8: 'block', 9: 'bind', 10: 'layout', 14: 'snap-start', 15: 'snap-end' };
const LOG_SHOWN = 400;
const CHAIN_SHOWN = 200;

const $ = (sel) => document.querySelector(sel);

/** an element with attributes (on*: listeners; class, text) and children */
function h(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) if (c !== undefined && c !== null && c !== false) e.append(c instanceof Node ? c : String(c));
  return e;
}
/** replaces an element's children (arrays flattened; null, undefined and false left out) */
function fill(e, ...children) {
  e.replaceChildren(...children.flat(Infinity).filter((c) => c !== undefined && c !== null && c !== false));
}
const svg = (tag, attrs) => {
  const e = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
};

let state = null;

// ---------------------------------------------------------------- controls
/** controls answered so far (body[data-done]): a test knows when the server has taken one */
let controlsDone = 0;
async function control(body) {
  try {
    const r = await fetch('/api/control', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const j = await r.json();
    if (!j.ok) return showError(j.error);
    showError('');
    if (j.state) render(j.state);
  } catch (e) {
    showError('the server did not answer: ' + e.message);
  } finally {
    document.body.dataset.done = String(++controlsDone);
  }
}
let errorTimer;
function showError(msg) {
  $('#error').textContent = msg;
  clearTimeout(errorTimer);
  if (msg) errorTimer = setTimeout(() => ($('#error').textContent = ''), 6000);
}

for (const b of document.querySelectorAll('#controls button[data-op]')) {
  b.addEventListener('click', () => {
    const op = b.dataset.op;
    control(op === 'cutPowerAtFlashOp' ? { op, n: Number($('#cut-n').value) } : { op });
  });
}
for (const b of document.querySelectorAll('#speed button[data-speed]')) b.addEventListener('click', () => control({ op: 'speed', speed: Number(b.dataset.speed) }));
$('#step').addEventListener('click', () => control({ op: 'advance', ms: 100 }));
$('#console').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const line = $('#console-line').value;
  if (!line.trim()) return;
  control({ op: 'console', line });
  $('#console-line').value = '';
});

const can = (op) => !!state && state.controls.includes(op);

// ---------------------------------------------------------------- the log and the chain
const logList = () => $('#log .lines');
const chainList = () => $('#chain .lines');
function addLog(events) {
  const log = logList();
  const chain = chainList();
  const stick = log.scrollTop + log.clientHeight >= log.scrollHeight - 20;
  const stickChain = chain.scrollTop + chain.clientHeight >= chain.scrollHeight - 20;
  for (const e of events) {
    const t = (e.t / 1000).toFixed(3);
    log.append(h('li', { class: 'src-' + e.src.replace(/\d+$/, '') }, h('time', { text: t }), h('b', { text: e.src }), h('span', { text: e.msg })));
    // the hot-plug chain: the firmware's event log lines about a slot ("hp 0.628 s0 ...")
    const m = /^hp (\S+) s(\d+) (.*)$/.exec(e.msg);
    if (e.src === 'console' && m) {
      const kind = /^(hw|guest|host)>(guest|host) /.test(m[3]) ? 'msg' : m[3].startsWith('= ') ? 'state' : 'note';
      chain.append(h('li', { class: 'chain-' + kind, 'data-slot': m[2] }, h('time', { text: m[1] }), h('b', { text: 's' + m[2] }), h('span', { text: m[3] })));
    }
  }
  while (log.children.length > LOG_SHOWN) log.firstChild.remove();
  while (chain.children.length > CHAIN_SHOWN) chain.firstChild.remove();
  if (stick) log.scrollTop = log.scrollHeight;
  if (stickChain) chain.scrollTop = chain.scrollHeight;
}

// ---------------------------------------------------------------- drawing the state
function render(s) {
  state = s;
  document.body.classList.toggle('attached', s.source === 'board');
  $('#title').textContent = s.title;
  $('#time').textContent = (s.t / 1000).toFixed(3);
  const power = $('#power');
  power.textContent = s.source === 'board' ? (s.connected ? 'attached' : 'not attached') : s.off ? 'power off' : `power on · boot #${s.boots}`;
  power.className = 'badge ' + ((s.source === 'board' ? !s.connected : s.off) ? 'bad' : 'good');
  $('#link').textContent = s.problem || (s.cutAt ? `power cut armed at flash operation ${s.cutAt} (now ${s.flash ? s.flash.ops : '?'})` : '');
  for (const b of document.querySelectorAll('#speed button[data-speed]')) b.classList.toggle('active', Number(b.dataset.speed) === s.speed);
  for (const b of document.querySelectorAll('#controls button[data-op]')) b.disabled = !can(b.dataset.op) || (b.dataset.op === 'powerOn' ? !s.off : s.off);
  const sel = $('#card');
  if (sel.dataset.cards !== s.cards.join()) {
    fill(sel, s.cards.map((c) => h('option', { value: c, text: c })));
    sel.dataset.cards = s.cards.join();
  }
  renderSlots(s);
  renderRing(s);
  renderFlash(s);
  renderStorage(s);
  renderMemory(s);
  renderMgmt(s);
  renderContainers(s);
}

/** redraw a panel only when what it shows changed (a button redrawn under the pointer
 * would lose its click) */
const drawn = {};
function changed(panel, data) {
  const key = JSON.stringify(data);
  if (drawn[panel] === key) return false;
  drawn[panel] = key;
  return true;
}

function renderSlots(s) {
  if (!changed('slots', [s.slots, s.off, s.controls, s.source])) return;
  const busy = s.off;
  if (!s.slots.length) return fill($('#slots .body'), h('p', { class: 'muted', text: s.source === 'board' ? 'waiting for the board\'s status…' : 'no slots' }));
  fill($('#slots .body'), s.slots.map((v) => {
    const st = v.state || (s.off ? 'off?' : 'unknown');
    const led = v.led === undefined ? 'unknown' : v.led ? 'on' : 'off';
    // extra: read when clicked (the card list and the bounce box may change meanwhile)
    const btn = (label, op, enabled, extra) => h('button', { 'data-op': op, disabled: !can(op) || !enabled, onclick: () => control({ op, slot: v.slot, ...(typeof extra === 'function' ? extra() : extra) }) }, label);
    const present = v.card !== undefined;
    return h('div', { class: 'slot state-' + st, 'data-slot': v.slot, 'data-state': st },
      h('div', { class: 'slot-head' }, h('b', {}, 'slot ' + v.slot), h('span', { class: 'atca', title: 'ATCA hot-swap state' }, ATCA[st] || '?')),
      h('div', { class: 'state', text: st }),
      h('div', { class: 'card-id' }, v.name ? `${v.name} · type ${v.type ?? '?'}${v.serial ? ' · #' + v.serial : ''}` : h('span', { class: 'muted' }, 'no card identified')),
      v.why ? h('div', { class: 'why', text: v.why }) : null,
      h('div', { class: 'lamps' },
        h('span', { class: 'led ' + led + (st === 'ejecting' ? ' pending' : ''), title: st === 'ejecting' ? 'blinking: the eject can still be cancelled' : 'on: safe to remove' }), h('span', {}, st === 'ejecting' ? 'LED blinking: eject pending' : 'LED ' + led),
        h('span', { class: 'pwr ' + (v.power ? 'on' : 'off') }), h('span', {}, v.power === undefined ? 'power ?' : v.power ? 'powered' : 'no power')),
      s.source === 'sim' ? h('div', { class: 'physical' }, present ? `card in: ${v.card}` : h('span', { class: 'muted' }, 'slot physically empty')) : null,
      h('div', { class: 'buttons' },
        s.source === 'sim' ? [btn('insert', 'insert', !present, () => ({ card: $('#card').value, bounce: $('#bounce').checked })), btn('remove', 'remove', present, () => ({ bounce: $('#bounce').checked }))] : null,
        btn('eject', 'eject', !busy && (st === 'online' || st === 'off')),
        btn('cancel eject', 'cancelEject', !busy && st === 'ejecting'),
        btn('power off', 'slotPower', !busy && st === 'online' && (v.ops || []).includes('power'), { action: 'off' }),
        btn('power on', 'slotPower', !busy && st === 'off' && (v.ops || []).includes('power'), { action: 'on' })));
  }));
}

function renderRing(s) {
  const r = s.ring;
  const sets = s.storage || [];
  const setOf = (p) => sets.filter((x) => x.ports.includes(p)).map((x) => x.name).join(', ');
  const figures = r.figures ? Object.entries(r.figures).map(([k, v]) => `${k} ${v}`).join(' · ') : '';
  const ports = r.ports.map((p) => {
    const n = r.queueSize || p.status.length;
    const used = n - p.free;
    return h('div', { class: 'port', 'data-port': p.port },
      h('div', { class: 'port-head' }, h('b', {}, 'port ' + p.port), setOf(p.port) ? h('span', { class: 'muted' }, ' set ' + setOf(p.port)) : h('span', { class: 'muted' }, ' no storage set: the application\'s back end')),
      h('div', { class: 'desc', title: 'descriptor table: in use ' + used + ' of ' + n }, Array.from({ length: n }, (_, i) => h('span', { class: i < used ? 'used' : 'free' }))),
      h('div', { class: 'status', title: 'the in-flight status array: 1 = the chain at that head is in flight' }, [...p.status].map((c, i) => h('span', { class: c === '1' ? 'inflight' : 'idle', 'data-head': i, text: c }))),
      h('div', { class: 'figures' }, `next id ${p.nextId} · in flight ${p.inflight} · waiting ${p.waiting} · undelivered ${p.undelivered} · free ${p.free}/${n}`));
  });
  fill($('#ring .body'),
    r.fault ? h('p', { class: 'bad', text: 'ring not running: ' + r.fault }) : null,
    h('p', { id: 'recovery' }, r.recovery ? [h('b', {}, 'last recovery '), `at ${(r.recovery.t / 1000).toFixed(3)} s: ${r.recovery.line}`] : h('span', { class: 'muted' }, 'no recovery seen yet')),
    figures ? h('p', { class: 'muted', text: figures }) : null,
    ports.length ? ports : h('p', { class: 'muted', text: s.source === 'board' ? 'the board reports the ring\'s figures only' : 'no port used yet' }));
}

/** a page's colour by its erase count: pale green never erased, to red at the most worn */
function heat(n, max) {
  if (!n) return 'hsl(120, 35%, 93%)';
  const f = Math.min(1, n / Math.max(1, max));
  return `hsl(${Math.round(55 - 55 * f)}, 90%, ${Math.round(86 - 14 * f)}%)`;
}
function renderFlash(s) {
  const f = s.flash;
  const body = $('#flash .body');
  if (!f) return fill(body, h('p', { class: 'muted', text: 'a board does not report its flash' }));
  const max = Math.max(1, ...f.pages.map((p) => p.erases));
  const word = f.kind === 'files' ? 'rewrites' : 'erases';
  fill(body,
    h('p', { class: 'muted' }, `${f.pages.length} ${f.kind === 'files' ? 'Storage files (cardcage.log0…)' : 'raw pages'} of ${f.pageSize} bytes · ${f.ops} flash operations, ${f.programs} programs, ${f.erases} erases`),
    h('div', { class: 'pages' }, f.pages.map((p) => {
      const isHead = f.head && f.head.page === p.page;
      const isSnap = f.lastSnapshot && f.lastSnapshot.page === p.page;
      return h('div', { class: 'page', 'data-page': p.page, 'data-erases': p.erases, style: `background:${heat(p.erases, max)}`, title: `${word}: ${p.erases}` },
        h('div', { class: 'page-head' }, h('b', {}, `page ${p.page}`), h('span', { class: 'erases' }, `${p.erases} ${word}`)),
        h('div', { class: 'muted' }, p.header === 'valid' ? `seq ${p.pseq} · ${p.records.length} records · ${p.used} B` : p.header === 'erased' ? 'erased' : 'bad header', p.bad ? h('span', { class: 'bad', title: 'stretches whose check fails: recovery skips them' }, ` · ${p.bad} bad`) : null),
        h('div', { class: 'bar' }, p.records.map((r) => h('span', { class: 'rec t' + r.type, style: `left:${(100 * r.at) / f.pageSize}%;width:${Math.max(0.4, (100 * r.len) / f.pageSize)}%`, title: `${RECORD_TYPES[r.type] || 'type ' + r.type} seq ${r.seq} @${r.at}` })),
          isHead ? h('span', { class: 'head-mark', style: `left:${(100 * f.head.offset) / f.pageSize}%` }) : null),
        h('div', { class: 'marks' }, isHead ? h('span', { class: 'mark head' }, `head @${f.head.offset}`) : null, isSnap ? h('span', { class: 'mark snap' }, `snapshot #${f.lastSnapshot.id}`) : null));
    })),
    h('div', { class: 'legend' }, Object.entries(RECORD_TYPES).map(([t, name]) => h('span', {}, h('i', { class: 'rec t' + t }), name))));
}

function renderStorage(s) {
  const sets = s.storage;
  fill($('#storage'), !sets ? h('p', { class: 'muted', text: s.source === 'board' ? 'not reported by a board' : 'not running' }) : h('table', {},
    h('tr', {}, h('th', {}, 'set'), h('th', {}, 'resources'), h('th', {}, 'ports')),
    sets.map((x) => h('tr', { 'data-set': x.name }, h('td', { text: x.name }), h('td', {}, x.resources.map((r) => h('span', { class: 'chip', text: r }))), h('td', {}, x.ports.length ? x.ports.map((p) => h('span', { class: 'chip port-chip', text: p })) : h('span', { class: 'muted' }, 'none'))))));
}

function renderMemory(s) {
  const m = s.memory;
  const pts = m.history;
  const box = h('div', {});
  box.append(h('p', {}, h('b', { id: 'free' }, m.free === undefined ? '—' : String(m.free)), m.total ? ` of ${m.total} JsVars free` : ' JsVars free'));
  if (pts.length > 1) {
    const W = 300, H = 60;
    const t0 = pts[0][0], t1 = pts[pts.length - 1][0] || 1;
    const top = m.total || Math.max(...pts.map((p) => p[1]));
    const lo = Math.min(...pts.map((p) => p[1]));
    const bottom = Math.max(0, lo - (top - lo) * 0.2 - 1);
    const x = (t) => ((t - t0) / Math.max(1, t1 - t0)) * W;
    const y = (v) => H - ((v - bottom) / Math.max(1, top - bottom)) * H;
    const g = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'spark', preserveAspectRatio: 'none' });
    g.append(svg('polyline', { points: pts.map((p) => `${x(p[0]).toFixed(1)},${y(p[1]).toFixed(1)}`).join(' '), fill: 'none', stroke: 'currentColor', 'stroke-width': 1.5 }));
    box.append(g, h('p', { class: 'muted' }, `${(t0 / 1000).toFixed(1)} s … ${(t1 / 1000).toFixed(1)} s, lowest ${Math.min(...pts.map((p) => p[1]))}`));
  }
  fill($('#memory'), box);
}

function renderMgmt(s) {
  const cards = s.slots.filter((v) => v.ops !== undefined && v.name);
  fill($('#mgmt'),
    cards.length ? h('ul', {}, cards.map((v) => h('li', { 'data-slot': v.slot },
      h('b', {}, `slot ${v.slot} ${v.name}`), ' ',
      v.ops.length ? v.ops.map((o) => h('span', { class: 'chip', text: o })) : h('span', { class: 'muted' }, 'status only'),
      v.sensors ? h('span', { class: 'sensors' }, Object.entries(v.sensors).map(([k, x]) => ` ${k} ${x}`).join(' ·')) : null,
      v.monitorError ? h('span', { class: 'muted' }, ' monitor: ' + v.monitorError) : null))) : h('p', { class: 'muted', text: 'no card online' }),
    s.errors !== undefined ? h('p', { class: s.errors ? 'bad' : 'muted' }, `errors since boot: ${s.errors}`) : null);
}

/** a container's input queue holds this many frames (README, Containers) */
const CT_QUEUE = 8;
// The containers as cardcage.containers.list() (simulator) or management's status (a board)
// report them: state and why, workers (one box each), home slot, queue depth, frames sent, got
// and dropped, failures. Their interfaces and links are configuration (the profile's
// containers.links, cardcage.containers.link), not reported by the firmware: not drawn.
function renderContainers(s) {
  const cts = s.containers;
  if (!changed('containers', [cts, s.off, s.source])) return;
  if (!cts) return fill($('#containers'), h('p', { class: 'muted', text: s.source === 'board' ? 'not in the board\'s status' : s.off ? 'the board is off' : 'not running' }));
  if (!cts.length) return fill($('#containers'), h('p', { class: 'muted', text: 'no container' }));
  fill($('#containers'), h('div', { class: 'cts' }, cts.map((c) => {
    const n = Math.max(CT_QUEUE, c.queued);
    return h('div', { class: 'ct state-' + c.state, 'data-name': c.name, 'data-state': c.state, 'data-workers': c.workers },
      h('div', { class: 'ct-head' }, h('b', { text: c.name }), h('span', { class: 'ct-state' }, c.state, c.why ? h('span', { class: 'why', text: ' (' + c.why + ')' }) : null)),
      h('div', { class: 'workers', title: c.workers + ' worker' + (c.workers === 1 ? '' : 's') + ' (from the CPU when it started)' },
        c.workers ? Array.from({ length: c.workers }, () => h('span', { class: 'worker' })) : h('span', { class: 'muted' }, 'no workers'),
        h('span', { class: 'muted' }, ` ${c.workers} worker${c.workers === 1 ? '' : 's'}`)),
      h('div', { class: 'muted' }, 'home ', c.home < 0 ? 'controller' : 'slot ' + c.home),
      h('div', { class: 'queue', title: `input queue: ${c.queued} of ${CT_QUEUE} frames waiting` }, Array.from({ length: n }, (_, i) => h('span', { class: i < c.queued ? 'used' : 'free' }))),
      h('div', { class: 'figures' }, ['sent', 'got', 'queued', 'drops', 'fails'].map((k, i) =>
        h('span', { class: 'figure' }, i ? ' · ' : '', k + ' ', h('b', { class: k + (c[k] && (k === 'drops' || k === 'fails') ? ' bad' : ''), text: c[k] })))));
  })));
}

// ---------------------------------------------------------------- the stream
function connect() {
  const es = new EventSource('/api/events');
  es.addEventListener('hello', (e) => {
    const d = JSON.parse(e.data);
    logList().replaceChildren();
    chainList().replaceChildren();
    addLog(d.log);
    render(d.state);
    document.body.classList.remove('offline');
  });
  es.addEventListener('log', (e) => addLog(JSON.parse(e.data)));
  es.addEventListener('state', (e) => render(JSON.parse(e.data)));
  es.onerror = () => document.body.classList.add('offline');
}
connect();
