// errors as Espruino makes them: types, messages, own keys, uncaught
print("one");
setTimeout(function () { print("never"); }, 10);
throw new Error("top");
print("not reached");
