var F = require("Flash");
var a = 0x10038000;
print(F.getPage(a));
F.erasePage(a);
print(F.read(4, a));
F.write(new Uint8Array([0x0F, 0xF0, 0xAA, 0x55]), a);
print(F.read(4, a));
F.write(new Uint8Array([0xF0, 0x0F, 0xFF, 0xFF]), a);
print(F.read(4, a));
F.write(new Uint8Array([0x12]), a + 5);
print(F.read(8, a));
F.erasePage(a);
print(F.read(8, a));
try { F.erasePage("x"); } catch (e) { print(e.message); }
