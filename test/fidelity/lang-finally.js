// exceptions thrown from catch, finally after return/continue/break, nested rethrow
function f1() { try { return "try"; } finally { print("f1 finally"); } }
print(f1());
function f2() { try { throw new Error("a"); } catch (e) { throw new Error("from catch " + e.message); } finally { print("f2 finally"); } }
try { f2(); } catch (e) { print(e.message); }
function f5() { for (var i = 0; i < 3; i++) { try { if (i == 1) continue; if (i == 2) break; } finally { print("loop finally", i); } } return i; }
print(f5());
try { try { throw "inner"; } catch (e) { print("caught", e); throw e + "!"; } } catch (e2) { print("outer", e2); }
