// Array splice and slice edge cases: negative, missing and out-of-range arguments
var a = [1, 2, 3, 4, 5];
print(JSON.stringify(a.splice(1, 2)), JSON.stringify(a));
a = [1, 2, 3, 4, 5]; print(JSON.stringify(a.splice(-2)), JSON.stringify(a));
a = [1, 2, 3, 4, 5]; print(JSON.stringify(a.splice(1, 0, "x", "y")), JSON.stringify(a));
a = [1, 2, 3, 4, 5]; print(JSON.stringify(a.splice(10, 1, "z")), JSON.stringify(a));
a = [1, 2, 3, 4, 5]; print(JSON.stringify(a.splice(2)), JSON.stringify(a));
a = [1, 2, 3, 4, 5]; print(JSON.stringify(a.splice(-10, 2)), JSON.stringify(a));
a = [1, 2, 3, 4, 5]; print(JSON.stringify(a.splice(1, 100)), JSON.stringify(a));
a = [1, 2, 3];
print(JSON.stringify(a.slice(1)), JSON.stringify(a.slice(-1)), JSON.stringify(a.slice(0, -1)), JSON.stringify(a.slice(2, 1)), JSON.stringify(a.slice(-10, 10)), JSON.stringify(a.slice()));
