// errors as Espruino makes them: types, messages, own keys, uncaught
print("a");
missing();
print("b");
