// numbers turned into text by string concatenation, templates, String(), join
var x = Math.sqrt(2);
print("v=" + x, x + "!", "" + 1e21, "a" + 0.1 + 0.2, 1 + 2 + "c", "c" + 1 + 2);
var s = "n:"; s += 1 / 3; print(s);
print(`t ${x} ${1e-7} ${2 / 3}`);
print(String(x), String(1e21), [x, 1e21, 0.5].join(), [1 / 3, 2].toString());
print([x, [1 / 3]].join("|"), "k".concat(1 / 3));
