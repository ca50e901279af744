// arrow functions: this from the enclosing function, expression bodies, object results
var o = { v: 7, m: function () { return [1, 2].map(x => x + this.v); } };
print(o.m().join(","));
var sq = x => x * x, add = (a, b) => a + b, obj = () => ({ k: 1 });
print(sq(5), add(2, 3), JSON.stringify(obj()), (() => "iife")());
var nested = a => b => a - b; print(nested(10)(3));
print([3, 1, 2].sort((a, b) => b - a).join(","), [1, 2, 3].filter(x => x & 1).length);
