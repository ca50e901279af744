// Object.assign, Object.create, hasOwnProperty, in, setPrototypeOf, getPrototypeOf
var t = { a: 1 }; var r = Object.assign(t, { b: 2 }, null, { a: 3 }, undefined);
print(r === t, JSON.stringify(t));
try { Object.assign({}, [5, 6]); } catch (e) { print(e.type, e.message); }
try { Object.assign({}, "ab"); } catch (e) { print(e.type, e.message); }
print(Object.assign(null, { q: 1 }).q, Object.assign(), JSON.stringify(Object.assign(undefined, {}, { r: 2 })));
var base = { hi: function () { return "hi " + this.n; } };
var c = Object.create(base); c.n = "c";
print(c.hi(), c.hasOwnProperty("hi"), c.hasOwnProperty("n"), "hi" in c, Object.getPrototypeOf(c) === base);
var d = Object.create(null); print(typeof d, JSON.stringify(d), Object.keys(d).length);
var e = {}; Object.setPrototypeOf(e, base); e.n = "e"; print(e.hi());
print({}.hasOwnProperty("toString"), [1].hasOwnProperty(0), [1].hasOwnProperty("0"), { a: 1 }.hasOwnProperty("a"));
try { Object.create(base, { n: { value: "f" } }); } catch (e) { print(e.type, e.message); }
