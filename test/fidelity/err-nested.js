// errors as Espruino makes them: types, messages, own keys, uncaught
function f() { return g(); }
function g() { throw new TypeError("deep"); }
try { f(); } catch (e) { print(e.type, e.message, e instanceof TypeError); }
