// indexOf, lastIndexOf, includes, startsWith, endsWith, search, match
var s = "hello world, hello";
print(s.indexOf("hello"), s.indexOf("hello", 1), s.indexOf("zz"), s.indexOf(""), s.indexOf("", 100));
print(s.lastIndexOf("hello"), s.lastIndexOf("hello", 5), s.lastIndexOf("o"), s.lastIndexOf("zz"));
print(s.includes("world"), s.includes("World"), s.includes("hello", 14));
print(s.startsWith("hell"), s.startsWith("world", 6), s.endsWith("hello"), s.endsWith("world", 11));
print(s.indexOf("o", -5), s.indexOf(undefined), "undefined".indexOf(undefined));
print(JSON.stringify(s.match(/o/g)), JSON.stringify(s.match(/zz/)), s.match(/w(or)/)[1], s.match(/w(or)/).index);
print(s.search ? "search" : "no search");
print("abc".indexOf("", 3), "".indexOf(""), "abc".indexOf("", 2), "abc".indexOf("c", 10), "abc".indexOf("abcd"));
