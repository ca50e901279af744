// errors as Espruino makes them: types, messages, own keys, uncaught
try { throw 5; } catch (e) { print(typeof e, e); }
try { throw {a:1}; } catch (e) { print(e.a); }
try { throw "s"; } catch (e) { print(e); }
try { throw null; } catch (e) { print(e); }
