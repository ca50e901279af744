var S = require("Storage");
S.write("p", "AB", 0, 8);
print(JSON.stringify(S.read("p")));
print(S.read("p").length, S.read("p").charCodeAt(5));
print(JSON.stringify(S.readJSON("p", true)));
print(new Uint8Array(S.readArrayBuffer("p")));
S.write("p", "CD", 2);
print(JSON.stringify(S.read("p", 1, 4)));
S.write("p", "ABCD", 0, 8);
print(JSON.stringify(S.read("p")), S.getStats().trashCount);
S.write("q", "", 0, 4);
print(JSON.stringify(S.read("q")));
try { S.write("r", "", 0, 0); } catch (e) { print(e.type + " " + e.message); }
S.write("s", [65, 66, 67]);
S.write("t", new Uint8Array([68, 69]), 0, 3);
print(JSON.stringify(S.read("s")), JSON.stringify(S.read("t")));
