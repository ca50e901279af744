// The page's server (node:http, 127.0.0.1 only): the static page from web/, the cage's state
// as JSON, its events as Server-Sent Events, and the controls. Bad input — an unknown control,
// a bad card name, a body that is not a JSON object — is answered 400 with a message; nothing
// the page sends can stop the server.
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import { ROOT } from '../profile';
import { BadRequest, type CageSource } from './state';

export const WEB_DIR = join(ROOT, 'web');
/** a control's JSON body is small; anything bigger is refused before it is read whole */
const MAX_BODY = 16 * 1024;
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png' };

export interface UiServer {
  url: string;
  close(): Promise<void>;
}

export interface ServeOptions {
  /** TCP port on 127.0.0.1 (0: any free one) */
  port?: number;
  webDir?: string;
}

export function serveUi(source: CageSource, o: ServeOptions = {}): Promise<UiServer> {
  const webDir = o.webDir ?? WEB_DIR;
  // the page's files, read once: only these names are served (no paths from the request)
  const files = new Map<string, { type: string; body: Buffer }>();
  for (const f of readdirSync(webDir)) {
    const type = TYPES[extname(f)];
    if (type) files.set('/' + f, { type, body: readFileSync(join(webDir, f)) });
  }
  const streams = new Set<http.ServerResponse>();

  const json = (res: http.ServerResponse, status: number, body: unknown) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(text);
  };

  const events = (req: http.IncomingMessage, res: http.ServerResponse) => {
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    const send = (kind: string, data: unknown) => res.write(`event: ${kind}\ndata: ${JSON.stringify(data)}\n\n`);
    res.write('retry: 1000\n\n');
    send('hello', { state: source.state(), log: source.recent() });
    const stop = source.listen((kind, data) => send(kind, data));
    // proxies and browsers drop a stream that stays silent
    const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
    streams.add(res);
    req.on('close', () => { stop(); clearInterval(ping); streams.delete(res); });
  };

  const control = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (d: Buffer) => {
      size += d.length;
      if (size > MAX_BODY && !refused) {
        refused = true;
        json(res, 413, { ok: false, error: `the body is over ${MAX_BODY} bytes` });
        req.resume();
      } else if (!refused) chunks.push(d);
    });
    req.on('end', async () => {
      if (refused) return;
      let c: unknown;
      try { c = JSON.parse(Buffer.concat(chunks).toString('utf8')); } catch (e) {
        return json(res, 400, { ok: false, error: `the body is not JSON: ${(e as Error).message}` });
      }
      if (!c || typeof c !== 'object' || Array.isArray(c)) return json(res, 400, { ok: false, error: 'the body must be a JSON object with an "op"' });
      try {
        await source.control(c as Record<string, unknown>);
        json(res, 200, { ok: true, state: source.state() });
      } catch (e) {
        if (e instanceof BadRequest) json(res, 400, { ok: false, error: e.message });
        else json(res, 500, { ok: false, error: `the control failed: ${(e as Error).message ?? e}` });
      }
    });
  };

  // The console control runs code on the board: only this page may send it. A page from
  // elsewhere in the browser names another Origin (or, rebinding a DNS name to 127.0.0.1,
  // another Host); a JSON content type cannot be sent cross-origin without a preflight, which
  // is not answered.
  let hosts: string[] = [];
  const server = http.createServer((req, res) => {
    try {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (req.headers.host && !hosts.includes(req.headers.host)) return json(res, 403, { ok: false, error: `not served to Host ${req.headers.host}` });
      if (path === '/api/control') {
        if (req.method !== 'POST') return json(res, 405, { ok: false, error: 'POST a JSON object to /api/control' });
        const origin = req.headers.origin;
        if (origin && !hosts.some((h) => origin === 'http://' + h)) return json(res, 403, { ok: false, error: `controls are taken from this page only, not from ${origin}` });
        if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) return json(res, 415, { ok: false, error: 'send the control as JSON (Content-Type: application/json)' });
        return control(req, res);
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return json(res, 405, { ok: false, error: `${req.method} is not served here` });
      if (path === '/api/state') return json(res, 200, source.state());
      if (path === '/api/events') return events(req, res);
      const f = files.get(path === '/' ? '/index.html' : path);
      if (!f) return json(res, 404, { ok: false, error: `nothing at ${path}` });
      res.writeHead(200, { 'Content-Type': f.type, 'Cache-Control': 'no-cache' });
      res.end(req.method === 'HEAD' ? undefined : f.body);
    } catch (e) {
      if (!res.headersSent) json(res, 500, { ok: false, error: (e as Error).message });
      else res.end();
    }
  });
  // a malformed request is the client's problem, not the server's
  server.on('clientError', (_e, socket) => { if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n'); else socket.destroy(); });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      const a = server.address() as AddressInfo;
      hosts = [`127.0.0.1:${a.port}`, `localhost:${a.port}`];
      resolve({
        url: `http://127.0.0.1:${a.port}/`,
        close: () => new Promise<void>((done) => {
          for (const s of streams) s.end();
          server.closeAllConnections();
          server.close(() => done());
        }),
      });
    });
  });
}
