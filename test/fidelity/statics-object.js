// which statics and methods exist (Espruino 2v29)
var names = ["assign","create","defineProperties","defineProperty","entries","fromEntries","getOwnPropertyDescriptor","getOwnPropertyDescriptors","getOwnPropertyNames","getPrototypeOf","keys","setPrototypeOf","values","freeze","isFrozen","seal","is","preventExtensions","getOwnPropertySymbols","groupBy","hasOwn"];
names.forEach(function (n) { print(n, typeof Object[n]); });
