// Seeded console input for management fuzzing: well-formed requests, mutations of them, junk
// and over-long lines (test/mgmt.test.ts in the simulator, test/hil.test.ts on Espruino).
export const GOOD = [
  '{"id":1,"op":"status"}', '{"id":2,"op":"monitor","slot":2}', '{"id":3,"op":"monitor","slot":2,"sensors":["voltage"]}',
  '{"id":4,"op":"power","slot":2,"action":"off"}', '{"id":5,"op":"power","slot":2,"action":"on"}',
  '{"id":6,"op":"match","slot":2,"descriptor":{"monitor":{"t":["i2c",0,0.1]}}}', '{"id":7,"op":"monitor","stop":7}',
  '{"id":8,"op":"migrate","slot":2}', '{"id":9,"op":"monitor","slot":2,"every":1000}',
];
const JUNK = ['{', '}', '[', ']', '"', ':', ',', '\\', 'null', '1e999', '-0', 'true', '"op"', '"slot"', '99', '\u00ff', ' '];

/** `n` lines from `seed`: half mutations of well-formed requests, some well-formed, some junk,
 * some over 512 characters */
export function mgmtLines(n: number, seed: number): string[] {
  let x = seed * 2654435761 >>> 0;
  const rnd = () => ((x = (Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32);
  const pick = <T>(a: T[]) => a[Math.floor(rnd() * a.length)];
  const mutate = (s: string) => {
    const a = [...s];
    const k = 1 + Math.floor(rnd() * 4);
    for (let j = 0; j < k; j++) {
      const at = Math.floor(rnd() * (a.length + 1));
      const r = rnd();
      if (r < 0.4) a.splice(at, 1);
      else if (r < 0.8) a.splice(at, 0, pick(JUNK));
      else a.splice(at, 1, String.fromCharCode(Math.floor(rnd() * 128)));
    }
    return a.join('');
  };
  const out: string[] = [];
  for (let k = 0; k < n; k++) {
    const r = rnd();
    out.push(r < 0.5 ? mutate(pick(GOOD)) : r < 0.6 ? pick(GOOD) : r < 0.9 ? Array.from({ length: Math.floor(rnd() * 40) }, () => pick(JUNK)).join('') : 'x'.repeat(Math.floor(rnd() * 700)));
  }
  return out;
}
