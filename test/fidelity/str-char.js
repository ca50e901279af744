// charAt, charCodeAt, [] and String.fromCharCode, in and out of range; case changes
var s = "abc";
print("[" + s.charAt(0) + "]", "[" + s.charAt(5) + "]", "[" + s.charAt(-1) + "]", s.charAt());
print(s.charCodeAt(0), s.charCodeAt(5), s.charCodeAt(-1), s.charCodeAt());
print(s[1], s[5], s.length);
print(String.fromCharCode(72, 105), String.fromCharCode(), String.fromCharCode(65.9), String.fromCharCode(321).charCodeAt(0));
print(String.fromCharCode("66"), String.fromCharCode(0).length, String.fromCharCode(255).charCodeAt(0));
print("\xff".charCodeAt(0), "\u00e9".length);
print("Abc Def".toUpperCase(), "Abc Def".toLowerCase());
