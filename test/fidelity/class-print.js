// how print() shows instances of classes and constructor functions
class P { constructor() { this.x = 1; } m() {} }
function F() { this.y = 2; }
F.prototype.q = 5;
var p = new P(), f = new F();
print(p); print(f); print([p, f]); print({ p: p });
print(p.constructor === P, f.constructor === F, f.q, JSON.stringify(f));
