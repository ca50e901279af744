// JSON.stringify and print() as Espruino lays them out
print(JSON.stringify({a:1}, null, 0), JSON.stringify({a:1}, null, 12).length, JSON.stringify([1], null, -3));
print(JSON.stringify({x:{y:{z:[]}}}, null, 3));
