// JSON.stringify and print() as Espruino lays them out
print(JSON.stringify({a:1,b:[1,2]}, function(k,v){return v;}));
print(JSON.stringify({a:1,b:2}, ["a"]));
print(JSON.stringify({a:1,b:2}, function(k,v){ return typeof v === "number" ? v*10 : v; }));
