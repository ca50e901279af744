var S = require("Storage");
try { S.open("x", "q"); } catch (e) { print(e.type + " " + e.message); }
try { S.open("x"); } catch (e) { print(e.type + " " + e.message); }
try { S.open("x", 1); } catch (e) { print(e.type + " " + e.message); }
var f = S.open("x", "r");
try { f.write("hi"); } catch (e) { print(e.type + " " + e.message); }
var w = S.open("x", "w");
try { w.read(2); } catch (e) { print(e.type + " " + e.message); }
try { w.readLine(); } catch (e) { print(e.type + " " + e.message); }
w.write("data\n");
w.write("");
print(w.offset);
w.erase();
print(w.chunk, w.offset, w.mode, S.list());
try { w.write("more"); } catch (e) { print(e.type + " " + e.message); }
print(S.open("x", "r").read(10));
