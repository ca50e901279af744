// setTimeout/setInterval with extra arguments, string code, ids, changeInterval and errors
setTimeout(function (a, b) { print("t1", a, b); }, 5, "x", 2);
var iv = setInterval(function (a) { print("iv", a); if (++n >= 2) clearInterval(iv); }, 10, "arg");
var n = 0;
setTimeout("print('string code')", 1);
var t = setInterval(function () { print("changed"); clearInterval(t); }, 100);
changeInterval(t, 2);
try { setTimeout(); } catch (e) { print(e.type, e.message); }
try { setTimeout(5, 10); } catch (e) { print(e.type, e.message); }
print(typeof t, clearTimeout(12345) === undefined);
try { clearInterval(-1); } catch (e) { print(e.type, e.message); }
setTimeout(function () { print("no delay"); });
