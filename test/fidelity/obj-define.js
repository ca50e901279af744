// Object.defineProperty with getters, setters, enumerable and writable; descriptors
var o = {};
Object.defineProperty(o, "x", { value: 1, enumerable: false });
Object.defineProperty(o, "y", { get: function () { return this.x + 1; }, enumerable: true });
var store = 0;
Object.defineProperty(o, "z", { set: function (v) { store = v * 2; }, get: function () { return store; }, enumerable: true });
o.z = 5;
print(o.x, o.y, o.z, store, JSON.stringify(Object.keys(o)), JSON.stringify(o));
print(JSON.stringify(Object.getOwnPropertyDescriptor(o, "x")));
print(JSON.stringify(Object.getOwnPropertyDescriptor({ a: 1 }, "a")), Object.getOwnPropertyDescriptor({}, "q"));
var d = Object.getOwnPropertyDescriptor(o, "y"); print(typeof d.get, typeof d.set, d.enumerable);
Object.defineProperties(o, { p: { value: 7, enumerable: true }, q: { value: 8 } });
print(o.p, o.q, JSON.stringify(Object.keys(o)));
print(JSON.stringify(Object.keys(Object.getOwnPropertyDescriptors({ a: 1, b: 2 }))));
print(JSON.stringify(Object.getOwnPropertyNames({ a: 1, b: 2 })));
