// lastIndexOf with positions, repeats, empty and missing strings
var s = "abcabcabc";
print(s.lastIndexOf("abc"), s.lastIndexOf("abc", 5), s.lastIndexOf("abc", 0), s.lastIndexOf("c", 100), s.lastIndexOf("x"));
print(s.lastIndexOf("bc"), s.lastIndexOf("a", 3), s.lastIndexOf("abcabcabcabc"), "aaa".lastIndexOf("aa"));
