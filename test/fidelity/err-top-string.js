// errors as Espruino makes them: types, messages, own keys, uncaught
print("a");
throw "just a string";
