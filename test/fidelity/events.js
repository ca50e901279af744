// Every object inherits Espruino's event methods; listeners live in an own "#on<event>" array
// and emit() queues them for the event loop (after the timers due).
var x = {};
print(typeof x.on, typeof x.emit, typeof x.addListener, typeof x.removeListener, typeof x.removeAllListeners, typeof x.prependListener);
print(x.hasOwnProperty("on"), "on" in x, typeof [].on, typeof (function () {}).emit);
var k = []; for (var i in x) k.push(i); print("for..in", JSON.stringify(k), JSON.stringify(x));
function f1(a, b) { print("f1", a, b, this === x); }
function f2(a) { print("f2", a); }
print("on returns", x.on("a", f1));
x.on("a", f2);
x.addListener("a", f1);
k = []; for (var i in x) k.push(i);
print(JSON.stringify(Object.keys(x)), JSON.stringify(k), Array.isArray(x["#ona"]), x["#ona"].length, x["#ona"][0] === f1, x["#ona"][1] === f2);
print("emit returns", x.emit("a", 5, 6));
x.emit("none", 1);
print("after emit");
x.removeListener("a", f1);
print(x["#ona"].length, 0 in x["#ona"], x["#ona"][1] === f2, x["#ona"][2] === f1);
x.removeListener("a", f1);
print(x["#ona"].length, 1 in x["#ona"]);
x.removeListener("a", f1);
x.removeListener("zz", f1); // creates "#onzz", holding undefined
print(JSON.stringify(Object.keys(x)), typeof x["#onzz"], "#onzz" in x);
var u = {}; u.removeListener("b", f1); print(JSON.stringify(u), JSON.stringify(Object.keys(u)));
x.on("b", f2); x.on("c", f2);
x.removeAllListeners("b");
print(JSON.stringify(Object.keys(x)));
x.removeAllListeners();
print(JSON.stringify(Object.keys(x)), JSON.stringify(x));
// when listeners run: timers due first, then the events queued (and those they queue)
var y = {};
y.on("e", function (v) {
  print("E", v);
  if (v === 1) { y.emit("e", 2); setTimeout(function () { print("timer set in E"); }, 0); print("E1 done"); }
});
y.emit("e", 0);
setTimeout(function () { print("T0"); y.emit("e", 1); print("T0 done"); }, 0);
y.emit("e", 3);
setTimeout(function () { print("T0b"); }, 0);
var z = {};
z.prependListener("d", f1); z.prependListener("d", f2);
z.emit("d", 7);
print(z["#ond"][0] === f2, JSON.stringify(Object.keys(z)));
// emitted, then removed before the event loop ran: not called
var w = {};
w.on("g", f2); w.emit("g", 1); w.removeListener("g", f2);
var a = [1]; a.on("q", f2);
print(JSON.stringify(Object.keys(a)), a.length);
var s = {}; s.on("k", "print('string listener')"); s.emit("k");
function err(f) { try { f(); print("no error"); } catch (e) { print(e.type, e.message); } }
err(function () { s.on(5, f2); });
err(function () { s.on("x", 5); });
err(function () { s.emit(); });
err(function () { s.emit("k", 1, 2, 3, 4); });
err(function () { s.emit("k", 1, 2, 3, 4, 5); }); // queued with 4 arguments, then the error
err(function () { s.removeListener(5, f2); });
err(function () { s.removeAllListeners(5); });
var t = {}; t.on("n", function () { print("n", arguments.length, arguments[0], arguments[3]); });
err(function () { t.emit("n", 1, 2, 3, 4, 5); });
print("script end");
setTimeout(function () { print("later"); }, 10);
