// errors as Espruino makes them: types, messages, own keys, uncaught
try { f(); } catch (e) { print(e.type, e.message); }
function f() { print("f ran"); }
f();
try { g2(); } catch (e) { print(e.message); }
var g2 = function () { print("g2"); };
g2();
