var order = [];
var a = setTimeout(function () { order.push("a"); }, 10);
var b = setTimeout(function () { order.push("b"); }, 10);
var c = setTimeout(function () { order.push("c"); }, 5);
print(a, b, c);
clearTimeout(b);
clearTimeout(b);
try { clearTimeout(undefined); } catch (e) { print(e.message); }
try { changeInterval(99, 10); } catch (e) { print(e.message); }
var n = 0;
var iv = setInterval(function () { n++; if (n == 3) { clearInterval(iv); print("order", order.join(",")); print("ticks", n); } }, 20);
print(typeof getTime());
