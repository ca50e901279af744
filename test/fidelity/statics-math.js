// which statics and methods exist (Espruino 2v29)
var names = ["abs","acos","asin","atan","atan2","ceil","clip","cos","exp","floor","log","max","min","pow","randInt","random","round","sign","sin","sqrt","tan","wrap","trunc","log2","log10","hypot","cbrt","imul","clz32","fround","sinh","expm1"];
print(names.map(function (n) { return n + ":" + typeof Math[n]; }).join(" "));
print(Math.E, Math.LN10, Math.LN2, Math.LOG10E, Math.LOG2E, Math.PI, Math.SQRT1_2, Math.SQRT2);
