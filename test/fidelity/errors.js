var e = new Error("m");
print(e.name, e.type, e.message, String(e), e instanceof Error);
var t = new TypeError("x");
print(t instanceof Error, t.type, t.name, String(t));
print(e);
try { null.foo; } catch (x) { print("caught", typeof x.message); }
try { undefinedThing(); } catch (x) { print(x.type, x instanceof ReferenceError); }
print(typeof RangeError);
