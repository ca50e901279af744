// JSON.stringify and print() as Espruino lays them out
var o = {a:[{b:[{c:1}]}], d:"e"};
print(JSON.stringify(o));
print(JSON.stringify(o, null, 2));
