// errors as Espruino makes them: types, messages, own keys, uncaught
print(new Error("a"), new TypeError("b"), new ReferenceError("c"), new SyntaxError("d"));
print(String(new Error("x")), "" + new TypeError("y"));
print([new Error("in array")]);
