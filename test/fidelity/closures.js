// closures, counters, IIFEs, arguments object and default-less parameters
function counter() { var n = 0; return function () { return ++n; }; }
var c1 = counter(), c2 = counter(); c1(); c1(); print(c1(), c2());
var fns = []; for (var i = 0; i < 3; i++) fns.push((function (j) { return function () { return j; }; })(i)); print(fns.map(function (f) { return f(); }).join(","));
function args() { return arguments.length + ":" + Array.prototype.slice === undefined; }
print(args(1, 2, 3));
function missing(a, b) { return typeof b; } print(missing(1));
function sum() { var s = 0; for (var i = 0; i < arguments.length; i++) s += arguments[i]; return s; } print(sum(1, 2, 3, 4));
var self = (function () { return typeof this; })(); print(self);
