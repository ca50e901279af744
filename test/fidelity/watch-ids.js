// setWatch ids are the highest in use + 1, so they start again at 1 once all are cleared; errors
var a = setWatch(function () {}, D5, { repeat: true }), b = setWatch(function () {}, D6, { repeat: true, edge: "rising" });
print(a, b);
clearWatch(a);
var c = setWatch(function () {}, D7, true); print(c);
clearWatch(c);
print(setWatch(function () {}, D8, true));
clearWatch(b);
clearWatch(3);
print(setWatch(function () {}, D5, { edge: "falling" }));
clearWatch();
print(setWatch(function () {}, D5, { edge: -1 }));
try { setWatch(function () {}, D5, { edge: 5 }); } catch (e) { print(e.type, e.message); }
try { clearWatch(99); } catch (e) { print(e.type, e.message); }
clearWatch();
