// errors as Espruino makes them: types, messages, own keys, uncaught
function f() { try { throw new Error("x"); } catch (e) { print("c", e.message); return 1; } finally { print("finally"); } }
print(f());
try { try { null.a; } finally { print("inner finally"); } } catch (e) { print("outer", e.message); }
