// A brace-less loop body whose last expression ends where its block ends (as terser writes
// code): += with a string, + and a ternary, in for, for-let, while and nested loops
function f(x) { var c = 0; { for (let i = 0; i < x.length; i++) c += x[i].length } return c }
print(f(["ab", "c", "def"]));
function g(x) { var s = ""; for (var i = 0; i < x.length; i++) s = s + x[i] + i; return s }
print(g(["a", "b"]));
function h(n) { var t = 0; { while (n) t += n--, t = t > 5 ? t : t + 0.5 } return t }
print(h(4));
function k(a) { var s = ""; { for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) s += a[i] + j } return s }
print(k(["x", "y"]));
