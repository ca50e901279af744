// The cage's live page (npm run ui): its server's answers to good and bad input, attaching to a
// board through a stand-in console, and the page itself in a real browser — headless Chromium
// (Debian's `chromium` package) driven by playwright-core — against the simulator, whose time
// the test moves through the "advance" control (the page's clock is paused: deterministic).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../host-sim/profile';
import { parseScenario } from '../host-sim/scenario';
import { parseUiArgs, uiSource } from '../host-sim/ui/cli';
import { serveUi, type UiServer } from '../host-sim/ui/server';
import { SimSource } from '../host-sim/ui/sim-source';
import type { CageSource, CageState } from '../host-sim/ui/state';

const CHROMIUM = [process.env.CHROMIUM_BIN, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && existsSync(p));
if (!CHROMIUM) console.warn('test/ui.test.ts: no Chromium found (apt-get install chromium, or set CHROMIUM_BIN): the page is not tested in a browser');

/** the cage the tests use: Puck.js (its log in 4 raw pages of 4 KB, so a few hundred requests
 * wrap it and pages get erased), the bundle stored as npm run flash stores it */
const scenario = () => parseScenario(JSON.stringify({
  board: 'puckjs',
  seed: 3,
  from: 'storage',
  cards: { 'line-card': { type: 2, sensors: { temperature: 24 } }, 'sensor-card': { type: 1, sensors: { temperature: 31.5, voltage: 3.29 } } },
  steps: [{ at: 0, do: 'boot' }],
}));

async function post(url: string, body: unknown, headers: Record<string, string> = { 'Content-Type': 'application/json' }) {
  const r = await fetch(url + 'api/control', { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: r.status, body: await r.json() as { ok: boolean; error?: string; state?: CageState } };
}

async function started(source: CageSource): Promise<UiServer> {
  await source.start();
  return serveUi(source, { port: 0 });
}

/** the one container the stand-in board's status reports */
const FAKE_CT = { name: 'echo', state: 'running', workers: 6, home: 2, queued: 1, sent: 12, got: 13, drops: 0, fails: 0 };

/** A stand-in for a board's console over TCP: a card online in slot 0 with a sensor; it answers
 * management requests, echoes console lines with "=true", and records every line it got. */
async function fakeBoard() {
  const got: string[] = [];
  const fake = net.createServer((s) => {
    s.on('error', () => {}); // the page's server hangs up when it stops
    s.write('hp 0.100 s0 = online\r\n>');
    let buf = '';
    s.on('data', (d) => {
      buf += d.toString('latin1');
      for (let k; (k = buf.indexOf('\n')) >= 0; buf = buf.slice(k + 1)) {
        const line = buf.slice(0, k);
        got.push(line);
        const m = /^\x10cardcage\.mgmt\((".*")\)$/.exec(line);
        if (!m) { s.write(`${line}\r\n=true\r\n>`); continue; } // a console line, echoed
        const req = JSON.parse(JSON.parse(m[1]));
        const data = req.op === 'status' ? { board: 'linux', slots: [{ slot: 0, state: 'online', name: 'sensor', ops: ['power', 'monitor'] }, { slot: 1, state: 'empty', ops: [] }], ring: { queued: 2, recoveries: 3, skipped: 0, logPages: 8 }, containers: [FAKE_CT], mem: 1400, errors: 0 }
          : req.op === 'monitor' ? { temperature: 31.5 } : { slot: req.slot, state: 'removing' };
        s.write(`mgmt ${JSON.stringify({ id: req.id, ok: true, data })}\r\n>`);
      }
    });
  });
  await new Promise<void>((r) => fake.listen(0, '127.0.0.1', r));
  const port = (fake.address() as net.AddressInfo).port;
  return { port, got, close: () => new Promise((r) => fake.close(r)) };
}

describe('the server', () => {
  let source: SimSource;
  let server: UiServer;
  beforeAll(async () => {
    source = new SimSource({ scenario: scenario(), speed: 0 });
    server = await started(source);
  });
  afterAll(async () => { await server.close(); await source.stop(); });

  it('serves the page, the state and the event stream', async () => {
    const page = await fetch(server.url);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toMatch(/<script src="cage\.js">/);
    const st = await (await fetch(server.url + 'api/state')).json() as CageState;
    expect(st).toMatchObject({ source: 'sim', board: 'puckjs', off: false, boots: 1, speed: 0, cards: ['line-card', 'sensor-card'] });
    expect(st.slots.map((s) => s.state)).toEqual(['empty', 'empty']);
    expect(st.storage).toEqual([{ name: 'system', resources: ['config'], ports: [0] }, { name: 'apps', resources: ['data'], ports: [1, 2] }]);
    expect(st.flash).toMatchObject({ kind: 'pages', pageSize: 4096, head: { page: 0 }, lastSnapshot: { page: 0, id: 1 } });
    // the stream: the state and the log so far first
    const ctl = new AbortController();
    const r = await fetch(server.url + 'api/events', { signal: ctl.signal });
    expect(r.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = r.body!.getReader();
    let text = '';
    while (!text.includes('\n\n', text.indexOf('event: hello'))) text += new TextDecoder().decode((await reader.read()).value);
    ctl.abort();
    const hello = JSON.parse(/event: hello\ndata: (.*)\n/.exec(text)![1]);
    expect(hello.state.board).toBe('puckjs');
    expect(hello.log.some((e: { msg: string }) => /^cardcage \d/.test(e.msg))).toBe(true);
  });

  it('answers bad input with 400 and a message, and goes on', async () => {
    const bad: [unknown, number, RegExp][] = [
      ['{nope', 400, /the body is not JSON/],
      ['[1, 2]', 400, /must be a JSON object with an "op"/],
      ['null', 400, /must be a JSON object/],
      [{ op: 'dance' }, 400, /unknown control "dance" \(controls: insert, remove/],
      [{}, 400, /unknown control \(no "op"\)/],
      [{ op: 'insert', slot: 0, card: 'no-such-card' }, 400, /card must be one of the scenario's cards \(line-card, sensor-card\), got "no-such-card"/],
      [{ op: 'insert', slot: 0, card: 'toString' }, 400, /card must be one of/],
      [{ op: 'insert', slot: 7, card: 'line-card' }, 400, /slot must be an integer 0\.\.1, got 7/],
      [{ op: 'insert', slot: 0, card: 'line-card', bounce: 'yes' }, 400, /bounce must be true or false/],
      [{ op: 'remove', slot: 1 }, 400, /slot 1 has no card in it/],
      [{ op: 'slotPower', slot: 0, action: 'blink' }, 400, /action must be one of on, off, force, cycle/],
      [{ op: 'cutPowerAtFlashOp', n: 0 }, 400, /n must be an integer 1\.\.1000000/],
      [{ op: 'console', line: 'a\nb' }, 400, /line must be one line/],
      [{ op: 'console', line: '' }, 400, /line must be a non-empty string/],
      [{ op: 'advance', ms: -5 }, 400, /ms must be a number 0\.\.600000/],
      [{ op: 'speed', speed: 'fast' }, 400, /speed must be a number/],
      [{ op: 'powerOn' }, 400, /the board is on already/],
      ['x'.repeat(20_000), 413, /the body is over 16384 bytes/],
    ];
    for (const [body, status, re] of bad) {
      const r = await post(server.url, body);
      expect(r.status, JSON.stringify(body).slice(0, 60)).toBe(status);
      expect(r.body).toMatchObject({ ok: false });
      expect(r.body.error).toMatch(re);
    }
    expect((await fetch(server.url + 'api/control')).status).toBe(405);
    // only this page may send controls: not another origin, not a form (no JSON content type)
    expect(await post(server.url, { op: 'reboot' }, { 'Content-Type': 'application/json', Origin: 'http://evil.example' })).toMatchObject({ status: 403, body: { error: 'controls are taken from this page only, not from http://evil.example' } });
    expect(await post(server.url, { op: 'reboot' }, { 'Content-Type': 'text/plain' })).toMatchObject({ status: 415, body: { error: 'send the control as JSON (Content-Type: application/json)' } });
    expect((await fetch(server.url.replace('127.0.0.1', 'localhost') + 'api/state')).status).toBe(200);
    expect((await fetch(server.url + '../package.json')).status).toBe(404);
    expect((await fetch(server.url + 'nothing.js')).status).toBe(404);
    // a second insert into an occupied slot is refused too; the server still answers
    expect((await post(server.url, { op: 'insert', slot: 1, card: 'sensor-card' })).status).toBe(200);
    expect((await post(server.url, { op: 'insert', slot: 1, card: 'line-card' })).body.error).toMatch(/slot 1 has a card in it/);
    const r = await post(server.url, { op: 'advance', ms: 1500 });
    expect(r.body.state!.slots[1]).toMatchObject({ state: 'online', name: 'sensor', card: 'sensor-card', power: true, ops: ['power', 'monitor'], sensors: { temperature: 31.5, voltage: 3.29 } });
    // the page's own management requests stay out of the log
    expect(source.recent().some((e) => /^mgmt /.test(e.msg))).toBe(false);
  });

  it('cardcage-sim --ui prints the URL it serves', async () => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/cardcage-sim.mjs'), '--ui', '--http', '0', '--paused'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const line = await new Promise<string>((res, rej) => {
        let out = '';
        child.stdout.on('data', (d) => { out += d; if (out.includes('\n')) res(out); });
        child.on('exit', (c) => rej(new Error(`exited ${c}`)));
      });
      expect(line).toMatch(/^cardcage ui: http:\/\/127\.0\.0\.1:\d+\/ \(simulator, speed 0\); Ctrl-C to stop/);
      const url = /(http:\S+)/.exec(line)![1];
      expect(((await (await fetch(url + 'api/state')).json()) as CageState).board).toBe('puckjs');
    } finally { child.kill('SIGINT'); }
    expect(() => parseUiArgs(['--http', 'x'])).toThrow(/--http must be a port/);
    expect(() => parseUiArgs(['--board', 'nosuch'])).toThrow(/unknown board "nosuch"/);
    expect(() => parseUiArgs(['--tcp', 'h:1', 'x.json'])).toThrow(/are for the simulator, not an attached board/);
    expect(parseUiArgs(['--port', '/dev/ttyACM0', '--baud', '115200']).attach).toEqual({ kind: 'port', path: '/dev/ttyACM0', baud: 115200 });
  });
});

describe('attached to a board (a stand-in console over TCP)', () => {
  it('shows what management status and monitor report; the board\'s controls work, the simulator\'s are refused', async () => {
    const { port, got, close } = await fakeBoard();
    const source = uiSource(parseUiArgs(['--tcp', `127.0.0.1:${port}`]));
    const server = await started(source);
    try {
      let st: CageState;
      for (let i = 0; ; i++) {
        st = await (await fetch(server.url + 'api/state')).json() as CageState;
        if (st.slots[0]?.sensors || i > 100) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(st).toMatchObject({ source: 'board', title: `127.0.0.1:${port}`, board: 'linux', connected: true, errors: 0, memory: { free: 1400 }, ring: { figures: { queued: 2, recoveries: 3 } }, controls: ['eject', 'cancelEject', 'slotPower', 'reboot', 'console'] });
      expect(st.slots[0]).toMatchObject({ slot: 0, state: 'online', name: 'sensor', ops: ['power', 'monitor'], sensors: { temperature: 31.5 } });
      expect(st.containers).toEqual([FAKE_CT]);
      expect(source.recent().map((e) => e.msg)).toContain('hp 0.100 s0 = online');
      expect((await post(server.url, { op: 'insert', slot: 0, card: 'x' })).body.error).toMatch(/insert is not available when attached to a board/);
      expect((await post(server.url, { op: 'powerCut' })).status).toBe(400);
      expect((await post(server.url, { op: 'slotPower', slot: 0, action: 'off' })).status).toBe(200);
      expect((await post(server.url, { op: 'eject', slot: 0 })).status).toBe(200);
      expect((await post(server.url, { op: 'console', line: 'cardcage.devices()' })).status).toBe(200);
      expect(got.filter((l) => !/status|monitor/.test(l))).toEqual(['\x10cardcage.mgmt("{\\"id\\":1,\\"op\\":\\"power\\",\\"slot\\":0,\\"action\\":\\"off\\"}")', 'cardcage.eject(0)', 'cardcage.devices()']);
      expect(source.recent().map((e) => e.msg)).toContain('mgmt {"id":1,"ok":true,"data":{"slot":0,"state":"removing"}}');
    } finally {
      await server.close();
      await source.stop();
      await close();
    }
  });
});

describe.skipIf(!CHROMIUM)('the page in Chromium', () => {
  let source: SimSource;
  let server: UiServer;
  let browser: Browser;
  let page: Page;
  const advance = (ms: number) => post(server.url, { op: 'advance', ms });
  const slotState = (i: number) => page.getAttribute(`#slots .slot[data-slot="${i}"]`, 'data-state');
  /** a click or a key on the page that sends a control, and the server's answer to it (then
   * the test may move time: the control is not overtaken) */
  async function viaPage(act: () => Promise<void>) {
    const before = Number(await page.getAttribute('body', 'data-done') ?? 0);
    await act();
    await page.waitForFunction(`Number(document.body.dataset.done || 0) > ${before}`);
  }
  const click = (sel: string) => viaPage(() => page.click(sel));
  const type = (line: string) => viaPage(async () => { await page.fill('#console-line', line); await page.press('#console-line', 'Enter'); });

  beforeAll(async () => {
    source = new SimSource({ scenario: scenario(), speed: 0 });
    server = await started(source);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(10_000); // a failure fails fast: the whole file stays well under 30 s
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(server.url);
    await page.waitForSelector('#slots .slot[data-slot="1"]');
    expect(errors).toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await source?.stop();
  });

  it('(a) insert: the slot goes online and the chain\'s messages appear in order', async () => {
    await page.selectOption('#card', 'line-card');
    expect(await page.isChecked('#bounce')).toBe(true);
    await click('#slots .slot[data-slot="0"] button[data-op="insert"]');
    await page.waitForSelector('#slots .slot[data-slot="0"] .physical:has-text("card in: line-card")');
    await advance(1000);
    await expect.poll(() => slotState(0)).toBe('online');
    const chain = await page.$$eval('#chain li[data-slot="0"] span', (els) => els.map((e) => e.textContent));
    const order = ['= settling', '= identifying', '= adding', 'hw>guest present line', 'guest>host add', 'host>guest added', '= online', 'guest: line available'];
    expect(chain.slice(chain.indexOf('= settling'))).toEqual(order); // after boot's "= empty"
    expect(await page.$$eval('#chain li.chain-msg', (els) => els.length)).toBe(3);
    expect(await page.textContent('#slots .slot[data-slot="0"] .atca')).toBe('M4');
    // without bounce, into the other slot; the LED blinks while its eject can be cancelled
    await page.selectOption('#card', 'sensor-card');
    await page.uncheck('#bounce');
    await click('#slots .slot[data-slot="1"] button[data-op="insert"]');
    await page.waitForSelector('#slots .slot[data-slot="1"] .physical:has-text("card in: sensor-card")');
    await advance(1000);
    await expect.poll(() => slotState(1)).toBe('online');
    await click('#slots .slot[data-slot="1"] button[data-op="eject"]');
    await advance(600);
    await expect.poll(() => slotState(1)).toBe('ejecting');
    await page.waitForSelector('#slots .slot[data-slot="1"] .led.pending');
    await click('#slots .slot[data-slot="1"] button[data-op="cancelEject"]');
    await advance(100);
    await expect.poll(() => slotState(1)).toBe('online');
    await page.waitForSelector('#mgmt li[data-slot="1"]:has-text("temperature 31.5")');
  });

  it('(b) power cut and power on: the ring recovers and the page shows the recovered requests', async () => {
    // a back end on port 5 (bound to no storage set) that never completes: three chains in flight
    await type('cardcage.ring.serve(5, function (r, done) { print("EXEC " + r.id); })');
    await type('for (var i = 0; i < 3; i++) cardcage.ring.submit(5, ["r" + i]);');
    await advance(100);
    await page.waitForSelector('#ring .port[data-port="5"] .figures:has-text("in flight 3")');
    expect(await page.$$eval('#ring .port[data-port="5"] .status span', (els) => els.map((e) => e.textContent).join(''))).toBe('11100000');
    await click('#power-cut');
    await page.waitForSelector('#power:has-text("power off")');
    expect(await page.isDisabled('#power-cut')).toBe(true);
    await click('#power-on');
    await advance(500);
    await page.waitForSelector('#power:has-text("boot #2")');
    await page.waitForSelector('#recovery:has-text("ring: recovered 3 requests, 3 in flight, 0 completions to deliver")');
    // the recovered chains: still in flight in the status array, waiting for port 5's back end
    await page.waitForSelector('#ring .port[data-port="5"] .figures:has-text("in flight 3 · waiting 3")');
    expect(await page.$$eval('#ring .port[data-port="5"] .status span.inflight', (els) => els.map((e) => e.getAttribute('data-head')))).toEqual(['0', '1', '2']);
    // cold plug: the cards present at boot come online again
    await advance(1000);
    await expect.poll(() => slotState(0)).toBe('online');
    // a back end again: the recovered chains run (as replays) and complete
    await type('cardcage.ring.onComplete(5, function (c) { print("DONE " + c.id + (c.replay ? " replay" : "")); }); cardcage.ring.serve(5, function (r, done) { print("EXEC " + r.id + (r.replay ? " replay" : "")); done(0); })');
    await advance(100);
    await page.waitForSelector('#log li:has-text("EXEC 2 replay")');
    await page.waitForSelector('#log li:has-text("DONE 2")');
    await page.waitForSelector('#ring .port[data-port="5"] .figures:has-text("in flight 0 · waiting 0 · undelivered 0 · free 8/8")');
  });

  it('(c) containers: two exchange frames over a link; the page shows them running, their workers and counters as cardcage.containers.list() says', async () => {
    const list = () => JSON.parse(source.board.eval('JSON.stringify(cardcage.containers.list())')) as { name: string; state: string; workers: number; home: number; sent: number; got: number }[];
    const shown = () => page.$$eval('#containers .ct', (els) => els.map((e) => ({
      name: e.getAttribute('data-name'), state: e.getAttribute('data-state'), workers: Number(e.getAttribute('data-workers')), boxes: e.querySelectorAll('.worker').length,
      sent: Number(e.querySelector('.sent')!.textContent), got: Number(e.querySelector('.got')!.textContent), home: e.textContent!.includes('home controller') ? -1 : Number(/home slot (\d+)/.exec(e.textContent!)?.[1]),
    })));
    const expected = () => list().map((c) => ({ name: c.name, state: c.state, workers: c.workers, boxes: c.workers, sent: c.sent, got: c.got, home: c.home }));
    await page.waitForSelector('#containers:has-text("no container")');
    // ping (on the controller) and pong (for the card in slot 0) answer each frame with the next
    // one up to 20; the card in slot 0 is wired to ping.eth1 and starts the exchange
    await type('var C = cardcage.containers; var pp = function (ct) { return { work: function (f, from, done) { if (f < 20) ct.send("eth0", f + 1); done(); } }; }; C.add("ping", pp, { name: "ping", cost: 20, budget: 200, ifs: ["eth0", "eth1"] }); C.add("pong", pp, { name: "pong", cost: 20, budget: 200, ifs: ["eth0"], home: 0 }); C.link("ping.eth0", "pong.eth0"); C.link("s0", "ping.eth1");');
    await advance(100);
    await page.waitForSelector('#log li:has-text("ct pong started, 1 workers")');
    await page.waitForSelector('#containers .ct[data-name="pong"][data-state="running"]');
    expect(await page.textContent('#containers .ct[data-name="pong"] .sent')).toBe('0');
    await type('C.fromCard(0, 0)');
    await advance(100);
    const first = expected();
    expect(first).toEqual([
      { name: 'ping', state: 'running', workers: 1, boxes: 1, sent: 10, got: 11, home: -1 },
      { name: 'pong', state: 'running', workers: 1, boxes: 1, sent: 10, got: 10, home: 0 },
    ]);
    await expect.poll(shown).toEqual(first);
    // live: a second exchange, and the page follows
    await type('C.fromCard(0, 10)');
    await advance(100);
    const second = expected();
    expect(second.map((c) => c.got)).toEqual([17, 15]);
    await expect.poll(shown).toEqual(second);
    expect(await page.textContent('#containers .ct[data-name="ping"] .drops')).toBe('0');
  });

  it('(d) the flash picture matches the simulator\'s erase counts', async () => {
    // 400 requests on port 3, completed at once: the 4 pages of the log wrap and get erased
    await type('cardcage.ring.serve(3, function (r, done) { done(0, "ok"); }); cardcage.ring.onComplete(3, function (c) { }); var W = setInterval(function () { var s = cardcage.ring.stats(3); if (s.nextId >= 400) clearInterval(W); else if (s.free > 0) cardcage.ring.submit(3, ["x" + s.nextId]); }, 5);');
    await advance(3000);
    const erases = source.board.flash.stats.erasesPerPage;
    expect(erases.reduce((a, b) => a + b, 0)).toBeGreaterThan(4);
    await expect.poll(() => page.$$eval('#flash .page', (els) => els.map((e) => Number(e.getAttribute('data-erases'))))).toEqual(erases);
    expect(await page.$$eval('#flash .page .erases', (els) => els.map((e) => e.textContent))).toEqual(erases.map((n) => `${n} erases`));
    // the head and the last snapshot are marked where the log says they are
    const view = source.state().flash!;
    expect(await page.getAttribute('#flash .page:has(.mark.head)', 'data-page')).toBe(String(view.head!.page));
    expect(await page.textContent('#flash .mark.snap')).toBe(`snapshot #${view.lastSnapshot!.id}`);
    // more wear on the pages used more: the colours differ where the counts do
    const colours = await page.$$eval('#flash .page', (els) => els.map((e) => (e as unknown as { style: { background: string } }).style.background));
    if (new Set(erases).size > 1) expect(new Set(colours).size).toBeGreaterThan(1);

    // the README's picture, with chains in flight on port 6, an eject pending on slot 1 and
    // the containers of (c)
    // (UI_SCREENSHOT=1 writes docs/ui.png; else a temporary file)
    await type('cardcage.ring.serve(6, function (r, done) { setTimeout(function () { done(0); }, 60000); }); for (var i = 0; i < 4; i++) cardcage.ring.submit(6, ["slow" + i]);');
    await click('#slots .slot[data-slot="1"] button[data-op="eject"]');
    await advance(700);
    await page.waitForSelector('#ring .port[data-port="6"] .figures:has-text("in flight 4")');
    await page.waitForSelector('#slots .slot[data-slot="1"] .led.pending');
    const dir = process.env.UI_SCREENSHOT ? join(ROOT, 'docs') : tmpdir();
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: join(dir, 'ui.png'), fullPage: true });
  });
  it('(e) attached to a board: the page shows what it reports, and only the board\'s controls', async () => {
    const fake = await fakeBoard();
    const source2 = uiSource(parseUiArgs(['--tcp', `127.0.0.1:${fake.port}`]));
    const server2 = await started(source2);
    const p2 = await browser.newPage();
    p2.setDefaultTimeout(10_000);
    const errors: string[] = [];
    p2.on('pageerror', (e) => errors.push(e.message));
    try {
      await p2.goto(server2.url);
      await p2.waitForSelector('#mgmt li[data-slot="0"]:has-text("temperature 31.5")');
      expect(await p2.getAttribute('#slots .slot[data-slot="0"]', 'data-state')).toBe('online');
      expect(await p2.textContent('#power')).toBe('attached');
      expect(await p2.isVisible('#card')).toBe(false); // the simulator's: hidden
      expect(await p2.isDisabled('#power-cut')).toBe(true);
      expect(await p2.$$('#slots button[data-op="insert"]')).toHaveLength(0);
      expect(await p2.textContent('#flash')).toMatch(/a board does not report its flash/);
      await p2.waitForSelector('#containers .ct[data-name="echo"][data-state="running"][data-workers="6"]:has-text("home slot 2")');
      expect(await p2.$$('#containers .ct[data-name="echo"] .worker')).toHaveLength(6);
      await p2.waitForSelector('#chain li:has-text("= online")');
      await p2.click('#slots .slot[data-slot="0"] button[data-op="eject"]');
      await expect.poll(() => fake.got.includes('cardcage.eject(0)')).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await p2.close();
      await server2.close();
      await source2.stop();
      await fake.close();
    }
  });
});
