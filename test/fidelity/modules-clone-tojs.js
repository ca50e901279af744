// Modules, clone(), E.toJS, E.decodeUTF8 and E.stopEventPropagation
var o={a:1,b:{c:2}}; var p=o.clone(); p.b.c=3; print(o.b.c, p.a, JSON.stringify(p), typeof [].clone, [1,2].clone(), typeof "".clone);
print(E.toJS({a:1,b:"x\n",c:[1,2]}), E.toJS("a\x80b"), E.toJS(5), E.toJS(new Uint8Array([1,2])));
print(JSON.stringify(E.decodeUTF8("a\xe2\x82\xacb", {0x20ac:"E"}, "?")), JSON.stringify(E.decodeUTF8("a\xe2\x82\xacb")), JSON.stringify(E.decodeUTF8("a\xe2\x82\xacb", undefined, "?")));
try { E.stopEventPropagation(); print("no"); } catch(e) { print(e.type, e.message); }
print(typeof Modules, Object.keys(Modules), typeof Modules.addCached, typeof Modules.getCached, typeof Modules.removeCached, typeof Modules.removeAllCached);
Modules.addCached("a","module.exports.foo=42;"); print(require("a").foo, JSON.stringify(Modules.getCached()));
Modules.addCached("d","this.foo = 42;"); print(require("d").foo);
Modules.addCached("f",function(){ exports.x = 7; }); print(require("f").x);
Modules.removeCached("a"); print(JSON.stringify(Modules.getCached()));
try { require("a"); } catch(e) { print(e.type, e.message); }
Modules.removeAllCached(); print(JSON.stringify(Modules.getCached()));
