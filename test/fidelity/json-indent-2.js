// JSON.stringify and print() as Espruino lays them out
print(JSON.stringify({a:1,b:2}, null, "\t"));
print(JSON.stringify({a:"s",b:null,c:true}, null, "--"));
print(JSON.stringify([], null, 2), JSON.stringify({}, null, 2));
