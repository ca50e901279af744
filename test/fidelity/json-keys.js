// JSON.stringify and print() as Espruino lays them out
print(JSON.stringify({"a b":1, "$x":2, _y:3, "":4}));
print(JSON.stringify({"quote\"":1}));
print(JSON.stringify([[],[[]],{}]));
