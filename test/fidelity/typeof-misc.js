// typeof of built-ins, instances and values; instanceof across built-in classes
print(typeof null, typeof undefined, typeof 1, typeof "s", typeof true, typeof {}, typeof [], typeof function () {});
print(typeof print, typeof Date, typeof new Date(0), typeof /x/);
print([] instanceof Array, [] instanceof Object, {} instanceof Object, (function () {}) instanceof Function, new Uint8Array(1) instanceof Uint8Array);
print(new Error("x") instanceof Error, /a/ instanceof RegExp, new Date(0) instanceof Date);
print(Array.isArray([]), Array.isArray(new Uint8Array(1)), Array.isArray("[]"), Array.isArray({ length: 0 }));
