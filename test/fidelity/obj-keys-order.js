// Object.keys/for..in order of string keys, entries, values, fromEntries
var o = { b: 1, a: 2, c: "three" };
print(JSON.stringify(Object.keys(o)));
var k = []; for (var i in o) k.push(i); print(JSON.stringify(k));
print(JSON.stringify(Object.values({ x: 1, y: [2], z: "3" })), JSON.stringify(Object.entries({ x: 1, y: "2" })));
var q = {}; q.z = 1; q.a = 3; delete q.z; q.z = 4; print(JSON.stringify(Object.keys(q)), JSON.stringify(q));
print(JSON.stringify(Object.keys("ab")), JSON.stringify(Object.keys([4, 5])));
print(JSON.stringify(Object.entries([7, 8])), JSON.stringify(Object.fromEntries([["a", 1], ["b", 2]])));
