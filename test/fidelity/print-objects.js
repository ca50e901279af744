// JSON.stringify and print() as Espruino lays them out
print({a:1,b:"x"}, [1,"a",[2]], {});
print({a:{b:{c:{}}}});
print([1,2,3,4,5,6,7,8,9,10]);
print({a:1,b:2,c:3,d:4,e:5,f:6,g:7,h:8,i:9});
