// String.replace / replaceAll: strings, regexes, global, functions, $-patterns
print("aaa".replace("a", "b"));
print("aaa".replace(/a/g, "b"));
print("abc".replace(/b/, function (m) { return m.toUpperCase() + "!"; }));
print("a1b2".replace(/\d/g, function (m) { return "<" + m + ">"; }));
print("x-y".replace(/(\w)-(\w)/, "$2-$1"));
print("abc".replace("b", "[$&]"));
print("abc".replace(/b/, "$$"));
print("abc".replace(/(b)/, "[$&|$1|$2|$`]"));
print("abc".replace("z", "y"));
print("aXbXc".replaceAll("X", "-"), "aXbXc".replaceAll(/X/, "+"), "aaa".replaceAll("a", "aa"));
print("hello".replace(/l/g, ""));
print("abc".replace(/(b)/, function (m, p1, off, all) { return p1 + off + all; }));
print("abc".replace("", "_"));
print("Hello World".replace(/o/g, "0"));
print("a.b.c".replace(".", "!"));
print("aaa".replace(/a/, 5), "aaa".replace("a", 1.5), "a1".replace(/\d/, 0.25));
