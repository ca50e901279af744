var S = require("Storage");
print(S.read("nope"), S.read("nope", 2, 3));
print(S.readJSON("nope"), S.readJSON("nope", true));
print(S.readArrayBuffer("nope"));
print(S.erase("nope"));
print(S.list("nope"));
S.write("bad", "{a:");
try { print(S.readJSON("bad")); } catch (e) { print(e.type + " " + e.message); }
print(S.readJSON("bad", true));
S.write("bad2", "hello");
try { print(S.readJSON("bad2")); } catch (e) { print(e.type + " " + e.message); }
S.write("ok", "[1,2,]");
print(S.readJSON("ok"));
S.write("ab", "ABC");
var ab = S.readArrayBuffer("ab");
print(ab, ab.byteLength, new Uint8Array(ab));
