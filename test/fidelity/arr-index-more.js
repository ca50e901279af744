// indexOf and includes: fromIndex beyond, negative, fractional; strict comparison; holes
var a = [1, 2, 3, 2, 1];
print(a.indexOf(2, 2), a.indexOf(2, 10), a.indexOf(1, -2), a.indexOf(3, 1.9), a.indexOf("2"));
print(a.includes(1, 4), a.includes(1, -1), a.includes(3, -1), a.includes("1"));
var h = [, undefined, 0]; print(h.indexOf(undefined), h.includes(undefined), h.indexOf(0), h.indexOf(false), h.indexOf(null));
print([[1]].indexOf([1]), ["a", "b"].indexOf("b"), [true].indexOf(1));
