var F = require("Flash");
var a = 0x10010000;
try { F.erasePage(1.5); } catch (e) { print(e.type + " " + e.message); }
try { F.erasePage(); } catch (e) { print(e.type + " " + e.message); }
try { F.erasePage(null); } catch (e) { print(e.type + " " + e.message); }
try { F.erasePage([a]); } catch (e) { print(e.type + " " + e.message); }
try { F.erasePage(0x20000000); print("no page: ok"); } catch (e) { print(e.type + " " + e.message); }
try { F.write(); } catch (e) { print(e.type + " " + e.message); }
try { F.write(undefined, a); } catch (e) { print(e.type + " " + e.message); }
F.write("", a);
F.write([], a);
F.write("AB", a + 0.5);
print(F.read(4, a));
F.write(new Uint8Array([0x0F]), a + 1.9);
print(F.read(4, a));
print(F.read(2.7, a), F.read("3", a), F.read(0, a), F.read(-5, a));
