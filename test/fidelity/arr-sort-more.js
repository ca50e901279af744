// sort of longer arrays (median-of-3 pivot), undefined and holes, comparators returning odd values
var a = [5, 3, 8, 1, 9, 2, 7, 4, 6, 0, 11, 15, 13, 12, 14, 10];
print(a.sort(function (x, y) { return x - y; }).join(","));
print([5, 3, 8, 1, 9, 2, 7, 4, 6, 0, 11, 15, 13, 12, 14, 10].sort().join(","));
var u = [3, undefined, 1, , 2]; u.sort(); print(JSON.stringify(u), u.length, 4 in u);
print([3, 1, 2].sort(function (x, y) { return x > y; }).join(","), [3, 1, 2].sort(function () { return 0; }).join(","));
print([3, 1, 2].sort(function (x, y) { return x < y ? -1 : 1; }).join(","), [1, 2, 3].sort(function () { return -1; }).join(","));
var objs = []; for (var i = 0; i < 12; i++) objs.push({ k: i % 3, i: i });
print(objs.sort(function (x, y) { return x.k - y.k; }).map(function (o) { return o.i; }).join(","));
try { [1, 2].sort(5); } catch (e) { print(e.type, e.message); }
