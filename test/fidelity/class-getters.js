// getters and setters in object literals and classes; static members; toString overrides
var o = { _v: 1, get v() { return this._v * 10; }, set v(x) { this._v = x; } };
print(o.v); o.v = 3; print(o.v, o._v, JSON.stringify(o), JSON.stringify(Object.keys(o)));
class T { constructor() { this.k = 2; } get twice() { return this.k * 2; } static get NAME() { return "T!"; } toString() { return "T(" + this.k + ")"; } }
var t = new T(); print(t.twice, T.NAME, "" + t, `${t}`, String(t));
class C { static inc(x) { return x + 1; } }
print(C.inc(1), typeof C.inc, typeof new C().inc);
var p = { toString: function () { return "P!"; } }; print("x" + p, [p].join());
var q = { valueOf: function () { return 42; } }; print(q + 1, q * 2, "" + q);
