// errors as Espruino makes them: types, messages, own keys, uncaught
setTimeout(function () { throw new Error("in timer"); }, 5);
setTimeout(function () { print("next timer runs"); }, 10);
setTimeout(function () { null.q; }, 15);
setTimeout(function () { print("and the next"); }, 20);
