// errors as Espruino makes them: types, messages, own keys, uncaught
print(new Error("x") instanceof Error, new TypeError("x") instanceof Error, new TypeError("x") instanceof TypeError);
try { null.x; } catch (e) { print(e instanceof Error, e.type); }
try { nope; } catch (e) { print(e instanceof ReferenceError, e.type); }
