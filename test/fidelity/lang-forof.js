// for..of over arrays, strings and typed arrays; for..in over arrays, strings and inherited keys
var o = []; for (var v of [1, "a", null]) o.push(v); print(JSON.stringify(o));
o = []; for (var c of "hey") o.push(c); print(o.join("|"));
o = []; for (var b of new Uint8Array([5, 6])) o.push(b); print(o.join(","));
o = []; for (var i in [7, 8, 9]) o.push(typeof i + i); print(o.join(","));
o = []; for (var i in "ab") o.push(i); print(o.join(","));
function P() { this.own = 1; } P.prototype.inh = 2;
o = []; for (var i in new P()) o.push(i); print(o.join(","));
o = []; for (let x of [1, 2]) { o.push(function () { return x; }); } print(o[0](), o[1]());
o = []; var arr = [1, 2, 3]; for (var v of arr) { if (v == 2) continue; o.push(v); } print(o.join(","));
