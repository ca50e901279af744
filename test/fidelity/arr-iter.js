// map, filter, forEach, some, every, reduce: arguments, holes, thisArg, results
var a = [1, 2, 3];
print(JSON.stringify(a.map(function (v, i, arr) { return v * i + arr.length; })));
print(JSON.stringify(a.filter(function (v) { return v % 2; })));
var t = { m: 10 }; print(JSON.stringify(a.map(function (v) { return v * this.m; }, t)));
print(a.some(function (v) { return v > 2; }), a.every(function (v) { return v > 0; }), [].some(function () { return true; }), [].every(function () { return false; }));
print(a.reduce(function (s, v) { return s + v; }), a.reduce(function (s, v) { return s + v; }, 10));
print(JSON.stringify(a.reduce(function (s, v, i) { s.push(i); return s; }, [])));
var h = [1, , 3]; var seen = []; h.forEach(function (v, i) { seen.push(i + ":" + v); }); print(seen.join(" "));
print(JSON.stringify(h.map(function (v) { return v * 2; })), h.length);
print(JSON.stringify(h.filter(function () { return true; })));
var r = a.forEach(function () {}); print(r);
try { a.map(5); } catch (e) { print(e.type, e.message); }
try { a.forEach(); } catch (e) { print(e.type, e.message); }
