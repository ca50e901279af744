// errors as Espruino makes them: types, messages, own keys, uncaught
print("before");
var x = null;
x.foo;
print("after");
