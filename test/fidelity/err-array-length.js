// errors as Espruino makes them: types, messages, own keys, uncaught
var a = [1, 2, 3];
try { a.length = 1; } catch (e) { print(e.type, e.message); }
print(a, a.length);
var b = [];
try { b.length = 0; } catch (e) { print(e.type, e.message); }
var o = { length: 1 }; o.length = 5; print(o.length);
