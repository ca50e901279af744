// substr, substring and slice with negative, swapped and out-of-range indices
var s = "abcdef";
print(s.substr(2), s.substr(2, 2), s.substr(-2), s.substr(-3, 2), s.substr(10), "[" + s.substr(2, -1) + "]");
print(s.substring(2), s.substring(2, 4), s.substring(4, 2), s.substring(-1, 2), s.substring(2, 100), "[" + s.substring(3, 3) + "]");
print(s.slice(2), s.slice(2, 4), s.slice(-2), s.slice(-4, -1), "[" + s.slice(4, 2) + "]", s.slice(-100));
print(s.substr(), s.substring(), s.slice());
print(s.slice(1.7, 3.2), s.substring(NaN, 2), s.substr("1", "2"));
