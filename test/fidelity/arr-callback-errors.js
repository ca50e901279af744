// array methods given something that is not a function, and bad thisArgs
function t(f) { try { var r = f(); print("ok", JSON.stringify(r)); } catch (e) { print(e.type, e.message); } }
t(function () { return [1].map(); });
t(function () { return [1].filter("x"); });
t(function () { return [1].some(null); });
t(function () { return [1].every({}); });
t(function () { return [1].find(1); });
t(function () { return [1].findIndex(); });
t(function () { return [1].forEach(function () {}, 5); });
t(function () { return [1].map(function (v) { return this.k + v; }, { k: 1 }); });
t(function () { return [].map(function () {}); });
