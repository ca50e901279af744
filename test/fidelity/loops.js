var fs = [];
for (let i = 0; i < 3; i++) fs.push(function () { return i; });
print(fs.map(function (f) { return f(); }).join());
var gs = [];
for (const v of ["a", "b"]) gs.push(function () { return v; });
print(gs.map(function (f) { return f(); }).join());
var hs = [];
[0, 1, 2].forEach(function (i) { hs.push(function () { return i; }); });
print(hs.map(function (f) { return f(); }).join());
let k = 10;
for (let k = 0; k < 2; k++) { }
print(k);
