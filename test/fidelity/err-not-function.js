// errors as Espruino makes them: types, messages, own keys, uncaught
try { ({}).foo(); } catch (e) { print(e.type, e.message); }
try { "abc".nope(); } catch (e) { print(e.type, e.message); }
try { null(); } catch (e) { print(e.type, e.message); }
try { [].nothing(1); } catch (e) { print(e.type, e.message); }
