// join and toString of nested arrays, null, undefined, objects and numbers
print([1, [2, [3, 4]], 5].join("-"));
print([null, undefined, 1].join(","), "[" + [null].join() + "]", "[" + [undefined, undefined].join() + "]");
print([1, 2].join(""), [1, 2].join(undefined), [1, 2].join(null), [1, 2].join(0));
print([{}, { a: 1 }].join(";"), [function () {}].join().length > 0);
print([1.5, -0, 1e21, 0.1 + 0.2].join(" "));
print(String([1, [2, 3]]), [1, 2] + "", [] + "", [[]] + "", [[], []] + "");
print([true, false].join(), ["a", "b"].toString());
