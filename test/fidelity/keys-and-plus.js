// Property names from fractions are written as Espruino writes numbers; x += f() reads x after f()
print(typeof q); var q=1;
function f(){ print(typeof w); var w=2; } f();
var a=[]; a[3.333]=1; a[1.5]=2; var o={}; o[0.1]=1; print(Object.keys(a), Object.keys(o));
var s = "a"; function f() { s += "b"; return "c"; } s += f(); print(s);
