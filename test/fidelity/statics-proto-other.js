// which statics and methods exist (Espruino 2v29)
print(typeof (1).toFixed, typeof (1).toString, typeof (1).toPrecision, typeof (1).toExponential, typeof (1).toLocaleString);
print(typeof (function(){}).call, typeof (function(){}).apply, typeof (function(){}).bind);
print(typeof ({}).hasOwnProperty, typeof ({}).toString, typeof ({}).valueOf, typeof ({}).isPrototypeOf, typeof ({}).propertyIsEnumerable);
