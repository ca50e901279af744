// errors as Espruino makes them: types, messages, own keys, uncaught
setTimeout(function () { nothingHere(); }, 5);
setTimeout(function () { print("still running"); }, 10);
