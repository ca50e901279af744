// timer ids count up, and start again at 1 once all timers are gone
var a = setTimeout(function () {}, 10), b = setTimeout(function () {}, 20), c = setInterval(function () {}, 30);
print(a, b, c);
clearTimeout(b);
var d = setTimeout(function () {}, 5); print(d);
clearTimeout(a); clearTimeout(d); clearInterval(c);
var e = setTimeout(function () { print("e ran"); var f = setTimeout(function () { print("f ran"); }, 1); print("f", f); }, 1); print("e", e);
clearTimeout();
print("cleared all");
var g = setTimeout(function () { print("g never"); }, 1); print("g", g);
clearTimeout();
