print(typeof Map, typeof Set, typeof WeakMap, typeof Symbol, typeof Proxy, typeof Reflect);
print(typeof Array.from, typeof Array.of, typeof Object.freeze, typeof Object.seal, typeof Number.isInteger, typeof Math.imul);
print(typeof Array.prototype.slice, typeof Function.prototype.call, typeof [].slice, typeof (function () {}).call);
print(typeof [].lastIndexOf, typeof [].flat, typeof [].reduceRight, typeof "".trimStart, typeof Promise, typeof Promise.resolve().finally);
print(typeof Object.keys, typeof Object.assign, typeof Object.entries, typeof Array.isArray, typeof globalThis, typeof global);
