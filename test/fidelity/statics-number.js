// which statics and methods exist (Espruino 2v29)
var names = ["MAX_VALUE","MIN_VALUE","NEGATIVE_INFINITY","NaN","POSITIVE_INFINITY","isInteger","isNaN","isFinite","parseInt","parseFloat","isSafeInteger"];
print(names.map(function (n) { return n + ":" + typeof Number[n]; }).join(" "));
print(Number.MAX_VALUE, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY);
