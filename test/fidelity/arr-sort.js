// Array sort: default order (as strings), numbers, mixed types, comparators, stability
print(JSON.stringify([10, 9, 1, 100, 2].sort()));
print(JSON.stringify([10, 9, 1, 100, 2].sort(function (a, b) { return a - b; })));
print(JSON.stringify([10, 9, 1, 100, 2].sort(function (a, b) { return b - a; })));
print(JSON.stringify(["b", "a", "C", "B"].sort()));
print(JSON.stringify([3, "2", 1, "10"].sort()));
print(JSON.stringify([true, false, 1, 0].sort()));
print(JSON.stringify([[2], [1, 5], [1]].sort()));
var o = [{ k: 2, n: "a" }, { k: 1, n: "b" }, { k: 2, n: "c" }, { k: 1, n: "d" }];
print(JSON.stringify(o.sort(function (a, b) { return a.k - b.k; }).map(function (x) { return x.n; })));
var a = [3, 1, 2]; print(a.sort() === a);
print(JSON.stringify([].sort()), JSON.stringify([1].sort()));
print(JSON.stringify([-1, -10, 5, 0].sort()));
