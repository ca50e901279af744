// errors as Espruino makes them: types, messages, own keys, uncaught
try { const c = 1; c = 2; } catch (e) { print(e.type, e.message); }
function h() { const d = [1]; d.push(2); try { d = []; } catch (e) { print(e.type, e.message); } return d; }
print(h());
