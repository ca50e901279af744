// JSON.stringify and print() as Espruino lays them out
print(["a\tb", "c\nd", "e\\f", "q\"r"]);
print(["\x00", "\x01x", "\x0112", "\x7f\x80\xff"]);
print({s:"\x1b[J"});
