// padStart, padEnd, trim and repeat
print("[" + "5".padStart(3, "0") + "]", "[" + "5".padStart(3) + "]", "[" + "abc".padStart(2, "x") + "]", "[" + "a".padStart(6, "xy") + "]");
print("[" + "5".padEnd(3, "0") + "]", "[" + "5".padEnd(3) + "]", "[" + "a".padEnd(6, "xy") + "]");
print("[" + "  a b  ".trim() + "]", "[" + "\t\n x \r\n".trim() + "]", "[" + "".trim() + "]");
print("[" + "ab".repeat(3) + "]", "[" + "ab".repeat(0) + "]");
try { print("ab".repeat(-1)); } catch (e) { print(e.type, e.message); }
try { print("[" + "ab".repeat(2.7) + "]"); } catch (e) { print(e.type, e.message); }
print(typeof "".trimStart, typeof "".trimEnd);
