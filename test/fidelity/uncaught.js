var ticks = 0;
var iv = setInterval(function () { ticks++; if (ticks == 4) { clearInterval(iv); print("still ticking", ticks); } }, 10);
setTimeout(function () { throw new Error("boom"); }, 5);
setTimeout(function () { throw "str"; }, 15);
setTimeout(function () { notDefinedAnywhere(); }, 25);
