var S = require("Storage");
S.write("abc", "hello");
print(S.read("abc"), S.read("nonexist"), S.list());
S.writeJSON("j", { a: 1 });
print(S.readJSON("j"), S.readJSON("nonexist"));
S.write("f", "AB", 0, 4);
S.write("f", "CD", 2);
print(S.read("f"));
try { S.write("f", "EFG", 2); } catch (e) { print(e.message); }
try { S.write("nofile", "x", 3); } catch (e) { print(e.message); }
try { S.write("", ""); } catch (e) { print(e.message); }
S.write("a23456789012345678901234567890", "long");
print(S.list().filter(function (n) { return n.length > 20; }));
S.erase("abc");
S.erase("abc");
print(S.list().indexOf("abc"));
