// errors as Espruino makes them: types, messages, own keys, uncaught
var e = new Error("m");
print(Object.keys(e), e.message, e.type);
print(Object.keys(new TypeError("t")).join());
var e2 = new Error();
print(Object.keys(e2).join(), e2.message, String(e2));
print(typeof e.stack);
