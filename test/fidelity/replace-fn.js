// replace with functions: arguments, return values that are not strings, global regexes
print("a1b2c3".replace(/\d/g, function (d) { return d * 2; }));
print("x".replace(/x/, function () { return undefined; }), "x".replace(/x/, function () { return null; }), "x".replace(/x/, function () { return 1.5; }));
print("john smith".replace(/(\w+) (\w+)/, function (m, a, b, i, s) { return b + " " + a + " " + i + " " + s.length; }));
var n = 0; print("aaaa".replace(/a/g, function () { return ++n; }), n);
print("abc".replace(/z/g, function () { return "never"; }));
