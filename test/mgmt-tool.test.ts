// cardcage-mgmt, the management console from a PC: its shorthands and usage, the simulator
// transport, TCP and serial against stand-ins (a fake console, a pty with nothing behind it),
// and — with ESPRUINO_BIN — both for real: Espruino's Linux build serving its console over TCP
// (--telnet, inside a private network namespace: `unshare -rn`) and on a pseudo-terminal
// (scripts/pty-relay.py), the tool run as its bin against them.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleLine, Ids, jsString, main, parseArgs, replyOf, request, TelnetFilter, type IO } from '../host-sim/mgmt-client';
import { ROOT } from '../host-sim/profile';
import { ESPRUINO_BIN, readPin, realDir, setPin, storeBoot, storeBundle } from '../host-sim/real';
import { readBundle } from '../host-sim/scenario';

const CLI = join(ROOT, 'bin', 'cardcage-mgmt.mjs');
const SCENARIO = join(ROOT, 'scenarios', 'mgmt.json');
const RELAY = join(ROOT, 'scripts', 'pty-relay.py');

/** runs the command in-process: exit status and what it printed */
async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: IO = { out: (l) => out.push(...l.split('\n')), err: (l) => err.push(...l.split('\n')) };
  const status = await main(argv, io);
  return { status, out, err };
}
/** runs the bin as a user does */
function runBin(args: string[], o: { timeoutMs?: number } = {}): Promise<{ status: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const c = spawn(process.execPath, [CLI, ...args], { cwd: ROOT });
    let out = '';
    let err = '';
    c.stdout.on('data', (d) => { out += d; });
    c.stderr.on('data', (d) => { err += d; });
    const t = setTimeout(() => c.kill('SIGKILL'), o.timeoutMs ?? 30_000);
    c.on('close', (status) => { clearTimeout(t); resolve({ status, out, err }); });
  });
}
const items = (...argv: string[]) => {
  const ids = new Ids(1);
  return parseArgs(['--sim', ...argv]).items.map((it) => request(it, ids));
};

describe('the command line: shorthands and usage', () => {
  it('shorthands become JSON requests with automatic ids, in order', () => {
    const r = items('status', 'power', '0', 'cycle', 'monitor', '2', 'temperature', 'voltage', 'monitor', '1', '--every', '1000', '--count', '3', 'match', '0', '{"monitor":{"t":["i2c",0,0.01]}}', 'migrate', '3', '2', 'list', 'start', 'svc', 'stop', 'svc', 'migrate', 'svc', '1');
    expect(r.map((x) => x.text)).toEqual([
      '{"id":1,"op":"status"}',
      '{"id":2,"op":"power","slot":0,"action":"cycle"}',
      '{"id":3,"op":"monitor","slot":2,"sensors":["temperature","voltage"]}',
      '{"id":4,"op":"monitor","slot":1,"every":1000}',
      '{"id":5,"op":"match","slot":0,"descriptor":{"monitor":{"t":["i2c",0,0.01]}}}',
      '{"id":6,"op":"migrate","slot":3,"to":2}',
      '{"id":7,"op":"list"}',
      '{"id":8,"op":"start","name":"svc"}',
      '{"id":9,"op":"stop","name":"svc"}',
      '{"id":10,"op":"migrate","name":"svc","to":1}',
    ]);
    expect(r[3]).toMatchObject({ id: 4, every: 1000, count: 3 });
    expect(items('monitor', '0', '--every', '500')[0]).toMatchObject({ every: 500, count: 5 }); // the default count
  });

  it('raw JSON is sent as given; its reply is known by its own id (null when it has none)', () => {
    const r = items('{"id":42,"op":"status"}', '{"op":"status"}', '{bad', 'status', '{"id":9,"op":"monitor","slot":0,"every":100}', '--count', '2');
    expect(r.map((x) => [x.text, x.id])).toEqual([['{"id":42,"op":"status"}', 42], ['{"op":"status"}', null], ['{bad', null], ['{"id":1,"op":"status"}', 1], ['{"id":9,"op":"monitor","slot":0,"every":100}', 9]]);
    expect(r[4]).toMatchObject({ every: 100, count: 2 }); // a raw periodic monitor is stopped too
  });

  it('transports and options', () => {
    expect(parseArgs(['--sim', 'status']).transport).toEqual({ kind: 'sim' });
    expect(parseArgs(['--sim', 'linux', '--scenario', 'x.json', 'status']).transport).toEqual({ kind: 'sim', board: 'linux', scenario: 'x.json' });
    expect(parseArgs(['--port', '/dev/ttyACM0', '--baud', '115200', 'status']).transport).toEqual({ kind: 'port', path: '/dev/ttyACM0', baud: 115200 });
    expect(parseArgs(['--port', '/dev/ttyACM0', 'status']).transport).toEqual({ kind: 'port', path: '/dev/ttyACM0', baud: 9600 });
    expect(parseArgs(['--tcp', '192.168.1.5:23', 'status']).transport).toEqual({ kind: 'tcp', host: '192.168.1.5', port: 23 });
    expect(parseArgs(['--tcp', 'board.local', 'status']).transport).toEqual({ kind: 'tcp', host: 'board.local', port: 2323 });
    expect(parseArgs(['--tcp', '[::1]:2323', 'status']).transport).toEqual({ kind: 'tcp', host: '::1', port: 2323 });
    expect(parseArgs(['--sim', '--timeout', '250', '--json', '--id', '70', 'status'])).toMatchObject({ timeout: 250, json: true, firstId: 70 });
  });

  it('bad usage: the usage text on stderr, exit status 2', async () => {
    const bad: [string[], RegExp][] = [
      [[], /give a transport/],
      [['status'], /give a transport/],
      [['--sim'], /give at least one request/],
      [['--sim', '--tcp', 'h', 'status'], /one transport, not several/],
      [['--sim', 'nosuch', 'status'], /unknown board "nosuch"/],
      [['--sim', 'power', '0', 'blink'], /ACTION must be one of on, off, force, cycle, got "blink"/],
      [['--sim', 'power', 'x', 'on'], /power: SLOT must be a slot number, got "x"/],
      [['--sim', 'monitor'], /monitor: SLOT must be a slot number, got nothing/],
      [['--sim', 'match', '0', '{nope'], /match: DESCRIPTOR_JSON must be JSON/],
      [['--sim', 'status', '--every', '100'], /--every belongs after a monitor request/],
      [['--sim', 'monitor', '0', '--every', 'soon'], /--every must be a number of ms/],
      [['--sim', 'monitor', '0', '--every', '100', '--count', '0'], /--count 0 .* needs a real board/],
      [['--sim', 'linux', 'dance'], /unknown request "dance"/],
      [['--sim', 'dance'], /unknown board "dance"/], // after --sim, a word that is no request names the board
      [['--sim', '--frobnicate', 'status'], /unknown option --frobnicate/],
      [['--tcp', 'h', '--baud', '9600', 'status'], /--baud goes with --port/],
      [['--tcp', 'h', '--scenario', 'x.json', 'status'], /--scenario goes with --sim/],
      [['--tcp', 'h:99999', 'status'], /--tcp must be HOST\[:PORT\]/],
      [['--port'], /--port needs a device path/],
      [['--sim', '--timeout', '0', 'status'], /--timeout must be a number of ms/],
    ];
    for (const [argv, re] of bad) {
      const r = await run(...argv);
      expect(r.status, argv.join(' ')).toBe(2);
      expect(r.err.join('\n'), argv.join(' ')).toMatch(re);
      expect(r.err.join('\n')).toMatch(/usage: cardcage-mgmt/);
    }
    expect((await run('--help')).out.join('\n')).toMatch(/^usage: cardcage-mgmt/);
  });

  it('the console line: echo off (\\x10), the request as a JS string literal Espruino reads back', () => {
    expect(consoleLine('{"id":1,"op":"status"}')).toBe('\x10cardcage.mgmt("{\\"id\\":1,\\"op\\":\\"status\\"}")\n');
    expect(jsString('a\\b\n\x04\u00e9\u20ac')).toBe('"a\\\\b\\x0a\\x04\\xe9\\u20ac"');
    // and a reply is read from a line with Espruino's prompt and escapes before it
    expect(replyOf('\x1b[J>mgmt {"id":3,"ok":true,"data":{}}\r')).toEqual({ reply: { id: 3, ok: true, data: {} }, text: '{"id":3,"ok":true,"data":{}}' });
    expect(replyOf('hp 123.4 s0 = empty')).toBeUndefined();
    expect(replyOf('mgmt {"id":3,')).toBeUndefined();
  });

  it('telnet commands are removed from the stream, also when split across reads', () => {
    const f = new TelnetFilter();
    const a = f.feed(Uint8Array.from([0x6d, 255, 251, 1, 255, 250, 31, 0, 80, 255]));
    const b = f.feed(Uint8Array.from([240, 0x67, 255, 255, 255]));
    const c = f.feed(Uint8Array.from([253, 3, 0x6d]));
    expect(Buffer.concat([a, b, c])).toEqual(Buffer.from([0x6d, 0x67, 255, 0x6d]));
  });
});

describe('the simulator transport (--sim)', () => {
  const sim = (...argv: string[]) => run('--sim', '--scenario', SCENARIO, ...argv);

  it('status: a table of slots, then board, ring, containers, mem and errors', async () => {
    const r = await sim('status');
    expect(r.status).toBe(0);
    expect(r.out.slice(0, 5)).toEqual([
      'slot  state   name    ops',
      '0     online  line    power,monitor',
      '1     empty   -       -',
      '2     online  sensor  power,monitor',
      '3     empty   -       -',
    ]);
    expect(r.out[5]).toBe('board   linux');
    expect(r.out[6]).toBe('ring    queued=0 recoveries=1 skipped=0 logPages=8');
    expect(r.out[7]).toBe('cts     -');
    expect(r.out[8]).toMatch(/^mem {5}\d+ free JsVars$/);
    expect(r.out[9]).toBe('errors  0');
  });

  it('power cycle: the slot goes down, and is online again by the next request', async () => {
    const r = await sim('--json', 'power', '0', 'cycle', 'status');
    expect(r.status).toBe(0);
    const [p, s] = r.out.map((l) => JSON.parse(l));
    expect(p).toEqual({ id: 1, ok: true, data: { slot: 0, state: 'removing' } });
    expect(s.data.slots[0]).toMatchObject({ slot: 0, state: 'online', name: 'line' });
    const off = await sim('power', '0', 'off', 'status');
    expect(off.out[0]).toBe('power slot=0 state=removing');
    expect(off.out[2]).toBe('0     off     line    power,monitor');
  });

  it('monitor once, and periodically: N lines, then a stop request', async () => {
    expect((await sim('monitor', '2')).out).toEqual(['monitor slot=2 temperature=31.5 voltage=3.29']);
    const r = await sim('monitor', '2', 'voltage', '--every', '1000', '--count', '3', 'status');
    expect(r.status).toBe(0);
    expect(r.out.slice(0, 4)).toEqual(['monitor slot=2 voltage=3.29', 'monitor slot=2 voltage=3.29', 'monitor slot=2 voltage=3.29', 'monitor stopped=1']);
    expect(r.out[4]).toMatch(/^slot {2}state/); // the status after it
    const j = await sim('--json', 'monitor', '2', '--every', '500', '--count', '2');
    expect(j.out).toEqual(['{"id":1,"ok":true,"data":{"temperature":31.5,"voltage":3.29}}', '{"id":1,"ok":true,"data":{"temperature":31.5,"voltage":3.29}}', '{"id":2,"ok":true,"data":{"stopped":1}}']);
  });

  it('an error reply: "error <code>: <detail>", the other requests still run, exit status 1', async () => {
    const r = await sim('migrate', '2', '0', 'power', '1', 'on', '{"id":5,"op":"power","slot":9,"action":"on"}', '{"op":"status"}', 'match', '0', '{"monitor":{"t":["i2c",0,0.5]}}', 'monitor', '0');
    expect(r.status).toBe(1);
    expect(r.out).toEqual(['error unsupported: migrate', 'error no-card: 1', 'error no-slot: 9', 'error no-id: id', 'match slot=0 ops=monitor', 'monitor slot=0 t=1200']);
    const j = await sim('--json', '{"id":5,"op":"dance"}');
    expect(j).toMatchObject({ status: 1, out: ['{"id":5,"ok":false,"error":"unknown-op","detail":"dance"}'] });
  });

  it('--json: every reply line as printed, ids from --id on', async () => {
    const r = await sim('--json', '--id', '100', 'status', 'monitor', '2', 'temperature');
    expect(r.status).toBe(0);
    const rs = r.out.map((l) => JSON.parse(l));
    expect(rs.map((x) => x.id)).toEqual([100, 101]);
    expect(rs[0].data.board).toBe('linux');
    expect(rs[1]).toEqual({ id: 101, ok: true, data: { temperature: 31.5 } });
  });

  it('the default board without a scenario, another board, and the demo scenario', async () => {
    const d = await run('--sim', 'status');
    expect(d.status).toBe(0);
    expect(d.out).toContain('board   puckjs');
    expect(d.out.filter((l) => /^\d /.test(l))).toHaveLength(2);
    expect((await run('--sim', 'pico', '--json', 'status')).out.map((l) => JSON.parse(l).data.board)).toEqual(['pico']);
    const demo = await run('--sim', '--scenario', join(ROOT, 'scenarios', 'demo.json'), 'status');
    expect(demo.status).toBe(0);
    expect(demo.out[1]).toMatch(/^0 +online +line +power,monitor$/);
  });

  it('a scenario that cannot be read or is malformed: exit status 2', async () => {
    expect(await run('--sim', '--scenario', '/nonexistent.json', 'status')).toMatchObject({ status: 2, err: [expect.stringMatching(/nonexistent\.json/)] });
    const dir = realDir();
    writeFileSync(join(dir, 'bad.json'), '{"steps":[{"do":"fly"}]}');
    expect(await run('--sim', '--scenario', join(dir, 'bad.json'), 'status')).toMatchObject({ status: 2, err: [expect.stringMatching(/steps\.0\.do: must be one of/)] });
    rmSync(dir, { recursive: true, force: true });
  });

  it('the bin: npx cardcage-mgmt', async () => {
    const r = await runBin(['--sim', 'linux', '--scenario', SCENARIO, '--json', 'status', 'migrate', '2', '0']);
    expect(r.status).toBe(1);
    const [s, m] = r.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(s.data.slots.map((x: any) => x.state)).toEqual(['online', 'empty', 'online', 'empty']);
    expect(m).toEqual({ id: 2, ok: false, error: 'unsupported', detail: 'migrate' });
    const u = await runBin(['--sim', 'power', '0']);
    expect(u.status).toBe(2);
    expect(u.err).toMatch(/power: ACTION must be one of .*\nusage: cardcage-mgmt/);
  });
});

describe('TCP and serial against stand-ins', () => {
  /** A console on a TCP port that answers like Espruino's, with telnet negotiation first,
   * prompts, an event-log line, the reply split over several writes; `silent` answers nothing. */
  async function fakeConsole(silent = false) {
    const got: string[] = [];
    const server = net.createServer((s) => {
      s.write(Buffer.from([255, 251, 1, 255, 251, 3, 0x3e])); // IAC WILL ECHO, IAC WILL SGA, ">"
      let buf = '';
      s.on('data', (d) => {
        buf += d.toString('latin1');
        let k;
        while ((k = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, k);
          buf = buf.slice(k + 1);
          got.push(line);
          if (silent) continue;
          const m = /^\x10cardcage\.mgmt\((".*")\)$/.exec(line);
          const req = m ? JSON.parse(JSON.parse(m[1])) : {};
          const reply = `mgmt ${JSON.stringify({ id: req.id, ok: true, data: { board: 'fake', slots: [{ slot: 0, state: 'empty', ops: [] }], ring: { fault: 'none' }, mem: 5, errors: 0 } })}\r\n`;
          s.write('hp 1.5 s0 = empty\r\n>');
          s.write(reply.slice(0, 20));
          setTimeout(() => { s.write(Buffer.from([255, 241])); s.write(reply.slice(20) + '>'); }, 20);
        }
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return { port: (server.address() as net.AddressInfo).port, got, close: () => new Promise((r) => server.close(r)) };
  }

  it('--tcp: telnet bytes, prompts and other lines are skipped; the reply is matched by id', async () => {
    const f = await fakeConsole();
    try {
      const r = await run('--tcp', `127.0.0.1:${f.port}`, '--id', '7', 'status', '--verbose');
      expect(r.status).toBe(0);
      expect(f.got).toEqual(['\x10cardcage.mgmt("{\\"id\\":7,\\"op\\":\\"status\\"}")']);
      expect(r.out).toEqual(['slot  state  name  ops', '0     empty  -     -', 'board   fake', 'ring    fault=none', 'mem     5 free JsVars', 'errors  0']);
      expect(r.err).toEqual(['| hp 1.5 s0 = empty']);
    } finally { await f.close(); }
  });

  it('--tcp: no reply in time, or nobody listening: a clear error, exit status 1', async () => {
    const f = await fakeConsole(true);
    try {
      const r = await run('--tcp', `127.0.0.1:${f.port}`, '--timeout', '300', '--id', '3', 'status', 'status');
      expect(r).toMatchObject({ status: 1, out: [], err: ['cardcage-mgmt: no reply to request id 3 within 300 ms'] });
      expect(f.got).toHaveLength(1); // no request after a timeout
    } finally { await f.close(); }
    const port = f.port; // closed now
    expect(await run('--tcp', `127.0.0.1:${port}`, 'status')).toMatchObject({ status: 1, err: [expect.stringMatching(/ECONNREFUSED/)] });
  });

  const python = spawnSync('python3', ['-c', 'import pty, tty, os']).status === 0;
  if (!python) console.log('mgmt-tool: python3 not found: the serial transport is not tried on a pty (skipped)');
  it.skipIf(!python)('--port on a pty with nothing answering (the relay runs cat): timeout, exit status 1; a missing device: exit status 1', async () => {
    const relay = await startRelay(['cat'], ROOT);
    try {
      const r = await runBin(['--port', relay.path, '--timeout', '400', 'status']);
      expect(r.status).toBe(1);
      expect(r.err).toMatch(/^cardcage-mgmt: no reply to request id \d+ within 400 ms$/m);
      expect(relay.output()).toContain('\x10cardcage.mgmt('); // the request went through the pty (cat sent it back)
    } finally { relay.stop(); }
    expect(await run('--port', '/dev/nonexistent-tty', 'status')).toMatchObject({ status: 1, err: [expect.stringMatching(/\/dev\/nonexistent-tty: ENOENT/)] });
  });
});

/** scripts/pty-relay.py running `cmd` in `cwd`: the pty slave's path and what cmd printed */
async function startRelay(cmd: string[], cwd: string) {
  const child: ChildProcess = spawn('python3', [RELAY, ...cmd], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.setEncoding('latin1');
  child.stdout!.on('data', (d: string) => { out += d; });
  child.stderr!.on('data', () => {});
  for (let t = 0; t < 5000 && !out.includes('\n'); t += 20) await new Promise((r) => setTimeout(r, 20));
  const path = out.slice(0, out.indexOf('\n'));
  if (!path.startsWith('/dev/')) { child.kill(); throw new Error(`pty-relay did not start: ${out}`); }
  return {
    path,
    output: () => out.slice(path.length + 1),
    async waitFor(re: RegExp, ms = 20000) {
      for (let t = 0; t < ms; t += 20) { if (re.test(out)) return true; await new Promise((r) => setTimeout(r, 20)); }
      return false;
    },
    stop: () => { child.kill('SIGTERM'); },
  };
}

// ---------------------------------------------------------------- the real interpreter
const netns = !!ESPRUINO_BIN && spawnSync('unshare', ['-rn', 'sh', '-c', 'ip link set lo up']).status === 0;
const hasPython = spawnSync('python3', ['-c', 'import pty, tty, os']).status === 0;
if (!ESPRUINO_BIN) console.log('mgmt-tool: ESPRUINO_BIN not set: cardcage-mgmt is not tried against a real interpreter over TCP and a pty (skipped)');
else if (!netns) console.log('mgmt-tool: `unshare -rn` (with `ip link set lo up`) does not work here: the TCP test on a real interpreter is skipped');
if (ESPRUINO_BIN && !hasPython) console.log('mgmt-tool: python3 not found: the serial test on a real interpreter is skipped');

describe.skipIf(!ESPRUINO_BIN || (!netns && !hasPython))('on a real interpreter (ESPRUINO_BIN): the linux bundle stored as .bootcde', () => {
  let stored = '';
  beforeAll(() => {
    stored = realDir();
    storeBundle(ESPRUINO_BIN, stored, readBundle('linux'));
  }, 120_000);
  afterAll(() => { if (stored) rmSync(stored, { recursive: true, force: true }); });
  /** a fresh folder with the stored flash */
  const fresh = () => {
    const dir = realDir();
    copyFileSync(join(stored, 'espruino.flash'), join(dir, 'espruino.flash'));
    return dir;
  };

  it.skipIf(!netns)('--tcp: the Linux build with --telnet in a private network namespace (unshare -rn), the tool against 127.0.0.1:2323', () => {
    const dir = fresh();
    try {
      spawnSync('mkfifo', [join(dir, 'stdin.fifo')]);
      // run inside the namespace: start the interpreter (its stdin an empty FIFO), wait for its
      // boot lines, run the tool once per argument list, print everything as JSON
      writeFileSync(join(dir, 'inner.mjs'), `
import { spawn } from 'node:child_process';
const [bin, cli, ...runs] = process.argv.slice(2);
const esp = spawn('sh', ['-c', 'exec "$0" --telnet -e "" 0<>stdin.fifo', bin], { stdio: ['ignore', 'pipe', 'pipe'] });
let log = '';
esp.stdout.on('data', (d) => { log += d.toString('latin1'); });
esp.stderr.on('data', (d) => { log += d.toString('latin1'); });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const result = { booted: false, runs: [] };
for (let t = 0; t < 20000 && !result.booted; t += 50) { result.booted = /ring: recovered/.test(log); if (!result.booted) await sleep(50); }
for (const r of result.booted ? runs : []) {
  const args = JSON.parse(r);
  result.runs.push(await new Promise((res) => {
    const c = spawn(process.execPath, [cli, ...args]);
    let out = '', err = '';
    c.stdout.on('data', (d) => { out += d; });
    c.stderr.on('data', (d) => { err += d; });
    c.on('close', (status) => res({ args, status, out, err }));
  }));
}
esp.kill('SIGKILL');
result.log = log;
process.stdout.write(JSON.stringify(result));
`);
      const runs = [
        ['--tcp', '127.0.0.1:2323', 'status'],
        ['--tcp', '127.0.0.1:2323', '--json', '--id', '20', 'status', 'power', '0', 'on', 'monitor', '1', '{"id":7,"op":"dance"}', '{"id":8,"op":"monitor","stop":3}'],
        ['--tcp', '127.0.0.1', '--json', '--id', '30', 'status'],
      ].map((a) => JSON.stringify(a));
      const r = spawnSync('unshare', ['-rn', 'sh', '-c', 'ip link set lo up && exec "$0" "$@"', process.execPath, join(dir, 'inner.mjs'), ESPRUINO_BIN, CLI, ...runs], { cwd: dir, encoding: 'latin1', timeout: 90_000 });
      expect(r.status, r.stderr).toBe(0);
      const res = JSON.parse(r.stdout);
      expect(res.booted, res.log).toBe(true);
      const [readable, json, again] = res.runs;
      expect(readable.status, readable.err).toBe(0);
      expect(readable.out.split('\n').slice(0, 5)).toEqual(['slot  state  name  ops', '0     empty  -     -', '1     empty  -     -', '2     empty  -     -', '3     empty  -     -']);
      expect(readable.out).toMatch(/^board {3}linux$/m);
      expect(readable.out).toMatch(/^mem {5}\d+ free JsVars$/m);
      expect(json.status).toBe(1);
      const rs = json.out.trim().split('\n').map((l: string) => JSON.parse(l));
      expect(rs[0]).toMatchObject({ id: 20, ok: true, data: { board: 'linux', ring: { queued: 0, recoveries: 1, skipped: 0, logPages: 8 }, errors: 0 } });
      expect(rs[0].data.slots).toEqual([0, 1, 2, 3].map((slot) => ({ slot, state: 'empty', ops: [] })));
      expect(rs.slice(1)).toEqual([
        { id: 21, ok: false, error: 'no-card', detail: '0' },
        { id: 22, ok: false, error: 'no-card', detail: '1' },
        { id: 7, ok: false, error: 'unknown-op', detail: 'dance' },
        { id: 8, ok: false, error: 'no-monitor', detail: '3' },
      ]);
      expect(again.status, again.err).toBe(0); // a second connection: the console is served again
      expect(JSON.parse(again.out).id).toBe(30);
      expect(res.log).not.toMatch(/Uncaught|ASSERT/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it.skipIf(!hasPython)('--port: the Linux build on a pty (scripts/pty-relay.py), a card cold-plugged through its pin files: status, match, a periodic monitor, power off and on', async () => {
    const dir = fresh();
    // the linux profile's slot 0: detect D1 (active high), ID pins D10-D12 (type 1: a sensor
    // card), power D2; the eject button D4 is active low (1: not pressed)
    for (const n of [2, 3, 11, 12]) setPin(dir, n, 0);
    for (const n of [1, 4, 10]) setPin(dir, n, 1);
    const relay = await startRelay([ESPRUINO_BIN, '-e', ''], dir);
    try {
      expect(await relay.waitFor(/s0 = online/), relay.output()).toBe(true);
      const r = await runBin(['--port', relay.path, '--baud', '115200', 'status', 'match', '0', '{"power":{},"monitor":{"input":["adc","D29",3.3]}}', 'monitor', '0', '--every', '100', '--count', '3']);
      expect(r.status, r.err + relay.output()).toBe(0);
      const lines = r.out.trim().split('\n');
      expect(lines.slice(0, 5)).toEqual(['slot  state   name    ops', '0     online  sensor  power,monitor', '1     empty   -       -', '2     empty   -       -', '3     empty   -       -']);
      expect(lines[7]).toBe('cts     -');
      expect(lines.slice(10, 12)).toEqual(['match slot=0 ops=power,monitor', 'monitor slot=0 input=0']);
      expect(lines.slice(12, 14)).toEqual(['monitor slot=0 input=0', 'monitor slot=0 input=0']);
      expect(lines[14]).toMatch(/^monitor stopped=\d+$/);
      expect(readPin(dir, 2)).toBe('1'); // the slot is powered
      const p = await runBin(['--port', relay.path, '--json', '--id', '50', 'power', '0', 'off', 'status']);
      expect(p.status, p.err).toBe(0);
      const [off, st] = p.out.trim().split('\n').map((l) => JSON.parse(l));
      expect(off).toEqual({ id: 50, ok: true, data: { slot: 0, state: 'removing' } });
      expect(st.data.slots[0].state).toBe('off');
      expect(readPin(dir, 2)).toBe('0');
      const on = await runBin(['--port', relay.path, '--json', '--id', '60', 'power', '0', 'on', 'power', '0', 'on']);
      const [on1, on2] = on.out.trim().split('\n').map((l) => JSON.parse(l));
      expect(on1).toEqual({ id: 60, ok: true, data: { slot: 0, state: 'adding' } });
      expect(on2).toMatchObject({ id: 61, ok: false, error: 'bad-state' }); // already on its way up
      expect(on.status).toBe(1);
      expect(await relay.waitFor(/s0 = online[\s\S]*s0 = off[\s\S]*s0 = online/)).toBe(true);
      expect(readPin(dir, 2)).toBe('1');
      expect(relay.output()).not.toMatch(/Uncaught|ASSERT/);
    } finally {
      relay.stop();
      await new Promise((r) => setTimeout(r, 100));
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
