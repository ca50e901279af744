// JSON.stringify and print() as Espruino lays them out
print(JSON.stringify({a:undefined,b:function(){},c:null,d:NaN,e:Infinity,f:-Infinity}));
print(JSON.stringify([undefined, null, NaN]));
print(JSON.stringify(null), JSON.stringify(true), JSON.stringify("s"), JSON.stringify(5), JSON.stringify(1.5));
