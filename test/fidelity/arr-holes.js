// arrays with holes and extra keys: length, printing, JSON, keys, in
var a = [1, , 3];
print(a.length, 1 in a, JSON.stringify(a), JSON.stringify(Object.keys(a)));
print(a);
var b = []; b[5] = "x"; print(b.length, JSON.stringify(b)); print(b);
var c = [1, 2]; c.name = "n"; print(c.length, JSON.stringify(c), JSON.stringify(Object.keys(c))); print(c);
var d = [1, 2, 3]; delete d[1]; print(d.length, JSON.stringify(d)); print(d);
var e = new Array(2); print(e, e.length);
var f = [undefined, null]; print(f, JSON.stringify(f));
