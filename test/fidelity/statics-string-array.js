// which statics and methods exist (Espruino 2v29)
print(typeof String.fromCharCode, typeof String.raw, typeof String.fromCodePoint, typeof Array.isArray, typeof Array.from, typeof Array.of);
print(typeof JSON.parse, typeof JSON.stringify, typeof Promise.all, typeof Promise.resolve, typeof Promise.reject, typeof Promise.race, typeof Promise.allSettled, typeof Promise.any);
print(typeof Date.now, typeof Date.parse, typeof Date.UTC);
