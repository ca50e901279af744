import { readFileSync } from 'node:fs';
import { bootReal, realDir, storeBoot } from '../host-sim/real';
const bin = process.argv[2]; const n = Number(process.argv[3] ?? 300);
const dir = realDir();
const app = `
;(function () {
var P = 1, N = ${n}, R = cardcage.ring;
var next = R.stats(P).nextId;
print("BOOT " + next + " " + process.memory().free + " " + E.getErrorFlags().join("/"));
function fill() { while (next < N && R.stats(P).free > 0) { R.submit(P, ["q" + next]); next++; } }
R.serve(P, function (r, done) { setTimeout(function () { done(0, "k" + r.id); }, (r.id * 7) % 4); });
var cnt = 0;
R.onComplete(P, function (c) { cnt++; if (cnt % 50 === 0) print("D " + c.id + " " + process.memory().free); fill(); });
fill();
setInterval(function () { print("TICK " + JSON.stringify(R.stats(P)) + " " + process.memory().free + " " + E.getErrorFlags()); if (next >= N) { clearInterval(); clearTimeout(); } }, 1000);
})();`;
storeBoot(bin, dir, readFileSync('/work/main/dist/cardcage-linux.js', 'utf8') + app);
const r = bootReal(bin, dir, 60);
console.log(r.lines.slice(0, 12).join('\n')); console.log('...'); console.log(r.lines.slice(-15).join('\n'));
