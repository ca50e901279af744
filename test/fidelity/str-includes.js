// includes, startsWith and endsWith with positions, empty strings and non-string arguments
print("abc".includes(""), "abc".includes("c", 2), "abc".includes("c", 3), "abc".includes(1), "a1c".includes(1));
print("abc".startsWith(""), "abc".startsWith("b", 1), "abc".startsWith("abcd"));
print("abc".endsWith(""), "abc".endsWith("b", 2), "abc".endsWith("abcd"));
print("12".startsWith(1), "null".endsWith(null), "undefined".includes());
