// errors as Espruino makes them: types, messages, own keys, uncaught
try { var o = null; o.x; } catch (e) { print(e.type, e.message); }
try { var u; u.x; } catch (e) { print(e.type, e.message); }
try { var n = null; n.x = 1; } catch (e) { print(e.type, e.message); }
try { var q; q.a.b; } catch (e) { print(e.type, e.message); }
