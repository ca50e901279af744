// indexOf, lastIndexOf, includes, find, findIndex with NaN, undefined, objects and fromIndex
var a = [1, NaN, "1", undefined, null, 1];
print(a.indexOf(1), a.indexOf("1"), a.indexOf(NaN), a.includes(NaN), a.indexOf(undefined), a.indexOf(null));
print(a.indexOf(1, 1), a.indexOf(1, -1), a.includes(2), a.includes(undefined));
print(typeof a.lastIndexOf);
var o = { x: 1 }, b = [{ x: 1 }, o];
print(b.indexOf(o), b.indexOf({ x: 1 }), b.includes(o));
print(b.find(function (v) { return v.x == 1; }) === b[0], b.findIndex(function (v) { return v === o; }));
print([1, 2].find(function (v) { return v > 5; }), [1, 2].findIndex(function (v) { return v > 5; }));
print(typeof [].lastIndexOf);
print([5, 6, 7].find(function (v, i, arr) { return i == 2 && arr.length == 3; }));
print([0, -0].indexOf(-0), [0].includes(-0));
