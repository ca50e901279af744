// JSON.stringify and print() as Espruino lays them out
print(JSON.stringify({a:1,b:[1,2,{c:"x"}],d:{}}, null, 2));
print(JSON.stringify([1,[2,[3]]], null, 1));
