// Console output as Espruino prints it (jswrap_json.c jsfGetJSONWithCallback with
// JSON_SOME_NEWLINES | JSON_PRETTY): strings raw at top level, arrays "[ 1, 2 ]", objects
// "{ "a": 1 }" with a line break before any value that is not a number/null/undefined and
// after every four items, typed arrays as "new Uint8Array([1, 2])", errors as "Error: Error: m".
const ITEMS_ON_LINE = 4;
const ERROR_TYPES = ['Error', 'TypeError', 'ReferenceError', 'SyntaxError', 'InternalError'];

function needsNewLine(v: unknown) {
  return !(v === undefined || v === null || typeof v === 'number' || typeof v === 'boolean');
}
const indent = (n: number) => '\n' + '  '.repeat(n);

function num(n: number) {
  return Object.is(n, -0) ? '0' : String(n);
}

export function errorType(e: unknown): string | undefined {
  if (!e || typeof e !== 'object') return undefined;
  const t = (e as { type?: unknown }).type;
  return typeof t === 'string' && ERROR_TYPES.includes(t) ? t : undefined;
}

function json(v: unknown, depth: number, seen: Set<unknown>): string {
  if (v === undefined) return 'undefined';
  if (v === null) return 'null';
  if (typeof v === 'number') return num(v);
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'function') return fnText(v);
  if (seen.has(v)) return ' ... ';
  seen.add(v);
  try {
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
      const a = v as unknown as ArrayLike<number> & { constructor: { name: string } };
      const name = Object.prototype.toString.call(v).slice(8, -1);
      if (Array.prototype.every.call(a, (x: number) => x === 0)) return `new ${name}(${a.length})`;
      return `new ${name}([${Array.prototype.map.call(a, (x: number) => num(x)).join(', ')}])`;
    }
    const et = errorType(v);
    const prefix = et ? et + ': ' : '';
    if (et) return prefix + String(v);
    if (Array.isArray(v)) {
      let out = '[ ';
      let needNL = false;
      v.forEach((item, i) => {
        if (i) out += ', ';
        const nn = needsNewLine(item);
        if (needNL || nn) out += indent(depth + 1);
        out += json(item, depth + 1, seen);
        needNL = nn;
      });
      if (needNL) out += indent(depth);
      return out + ' ]';
    }
    let out = '{ ';
    let needNL = false;
    let since = 0;
    let first = true;
    for (const k of Object.keys(v as object)) {
      const item = (v as Record<string, unknown>)[k];
      since++;
      if (!first) out += ', ';
      const nn = needsNewLine(item);
      if (since > ITEMS_ON_LINE) needNL = true;
      if (needNL || nn) { out += indent(depth + 1); needNL = false; since = 0; }
      out += JSON.stringify(k) + ': ' + json(item, depth + 1, seen);
      first = false;
      needNL = nn;
    }
    if (needNL) out += indent(depth);
    return out + ' }';
  } finally {
    seen.delete(v);
  }
}

function fnText(f: Function) {
  const s = Function.prototype.toString.call(f);
  const m = /^(?:function\s*[\w$]*\s*)?\(([^)]*)\)\s*(?:=>\s*)?([\s\S]*)$/.exec(s);
  if (!m) return 'function () {}';
  const body = m[2].startsWith('{') ? m[2] : '{return ' + m[2] + '}';
  return `function (${m[1].replace(/\s+/g, '')}) ${body}`;
}

/** One value as print()/console.log() shows it. */
export function show(v: unknown): string {
  return typeof v === 'string' ? v : json(v, 0, new Set());
}

/** print(a, b, ...) / console.log(a, b, ...): arguments joined by a space. */
export function showArgs(args: unknown[]): string {
  return args.map(show).join(' ');
}

/** What the console prints for an exception that reaches the main loop. */
export function uncaught(e: unknown): string {
  const et = errorType(e);
  if (et === 'ReferenceError') return `Uncaught ReferenceError: ${(e as Error).message.replace(/^(\S+) is not defined$/, '"$1" is not defined')}`;
  if (et) return `Uncaught ${et}: ${(e as Error).message}`;
  return 'Uncaught ' + show(e);
}
