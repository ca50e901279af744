// classes: constructors, methods, statics, getters and setters, inheritance, super
class A {
  constructor(n) { this.n = n; }
  get double() { return this.n * 2; }
  set double(v) { this.n = v / 2; }
  hello() { return "A" + this.n; }
  static make() { return new A(9); }
}
class B extends A {
  constructor(n) { super(n + 1); this.b = true; }
  hello() { return "B" + super.hello(); }
}
var a = new A(3); print(a.double); a.double = 10; print(a.n, a.hello(), A.make().n);
var b = new B(1); print(b.n, b.b, b.hello(), b.double, b instanceof A, b instanceof B, a instanceof B);
print(JSON.stringify(a), JSON.stringify(b), JSON.stringify(Object.keys(b)));
print(typeof A, typeof A.prototype.hello, Object.getPrototypeOf(b) === B.prototype);
