var S = require("Storage");
S.write("f", "Hello", 0, 14);
print(JSON.stringify(S.read("f")));
S.write("f", " ", 5);
S.write("f", "World!!!", 6);
print(S.read("f"));
try { S.write("f", "X", 3); } catch (e) { print(e.type + " " + e.message); }
try { S.write("f", "X", 20); } catch (e) { print(e.type + " " + e.message); }
try { S.write("f", "XY", 13); } catch (e) { print(e.type + " " + e.message); }
S.write("g", "AB", 0, 6);
S.write("g", "\xff", 2);
S.write("g", "C", 2);
print(JSON.stringify(S.read("g")));
print(S.write("f", "Hello World!!!"));
print(S.getStats().trashCount);
S.write("f", " ", 0);
print(JSON.stringify(S.read("f")), S.getStats().trashCount);
print(S.write("f", "x", -1), S.write("f", "x", 0, -1));
