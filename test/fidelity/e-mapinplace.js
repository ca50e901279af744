// E.mapInPlace: a function, an array, an array buffer, bits
var a = new Uint8Array([5,6,7,8,9,10,11,12]);
var b = new Uint8Array(8);

E.mapInPlace(a,b, function(x) { return x+1; });
print(b.join(","));

E.mapInPlace(a,b, [12,11,10,9,8,7,6,5,4,3,2,1,0]);
print(b.join(","));

E.mapInPlace(a,b, new Uint8Array([12,11,10,9,8,7,6,5,4,3,2,1,0]));
print(b.join(","));

E.mapInPlace(a,b, function(a) { return a; }, 4);
print(b.join(","));

E.mapInPlace(a,b, function(a) { return a; }, -4);
print(b.join(","));

E.mapInPlace(a,b, function(a) { return a; }, 1);
print(b.join(","));

// 11 bit decode
s = new Uint8Array(9)
