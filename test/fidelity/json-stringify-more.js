// JSON.stringify of special values: NaN, Infinity, -0, nested undefined, functions, toJSON, dates
print(JSON.stringify([NaN, Infinity, -Infinity, -0, 1e21, 1e-7]));
print(JSON.stringify({ a: undefined, b: function () {}, c: null, d: [undefined, function () {}] }));
print(JSON.stringify({ toJSON: function () { return { x: 1 }; } }), JSON.stringify({ k: { toJSON: function (key) { return key + "!"; } } }));
print(JSON.stringify("a\u0001b\u00ff"), JSON.stringify(true), JSON.stringify(null), JSON.stringify(undefined), JSON.stringify(function () {}));
print(JSON.stringify([[], {}, [[]], { a: {} }]), JSON.stringify(new Date(0)));
