// break and continue in nested loops, switch fall-through and default placement, comma and void
for (var i = 0; i < 3; i++) { for (var j = 0; j < 3; j++) { if (j == 1) continue; if (i == 2) break; print("ij", i, j); } }
function sw(x) { var o = []; switch (x) { case 1: o.push(1); case 2: o.push(2); break; case 3: o.push(3); default: o.push("d"); } return o.join(","); }
print(sw(1), sw(2), sw(3), sw(9));
function sw2(x) { switch (x) { case "1": return "str"; case 1: return "num"; } return "none"; }
print(sw2(1), sw2("1"), sw2(true));
var k = (1, 2, 3); print(k, void 0, typeof void 0);
var w = 0; do { w++; } while (w < 5); print(w);
var s = 0; for (;;) { if (++s > 3) break; } print(s);
