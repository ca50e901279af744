// errors as Espruino makes them: types, messages, own keys, uncaught
try { undefinedFn(); } catch (e) { print(e.type, e.message); }
try { var z = notThere + 1; } catch (e) { print(e.type, e.message); }
try { notThere2.x; } catch (e) { print(e.type, e.message); }
