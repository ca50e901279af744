// concat of arrays and non-arrays, fill with negative ranges, reverse, Array(n)
print(JSON.stringify([1].concat(2, [3, 4], [[5]], "s", null)));
print(JSON.stringify([].concat()), JSON.stringify([1].concat({ a: 1 })));
print(JSON.stringify(new Array(3).fill(0)), JSON.stringify([1, 2, 3, 4].fill(9, 1, 3)), JSON.stringify([1, 2, 3, 4].fill(9, -2)), JSON.stringify([1, 2, 3, 4].fill(9, -3, -1)));
print(JSON.stringify([1, 2, 3].fill(7, 5)), JSON.stringify([1, 2, 3].fill()));
var r = [1, 2, 3]; print(JSON.stringify(r.reverse()), JSON.stringify(r), r.reverse() === r);
print(Array(3).length, JSON.stringify(Array(3)), JSON.stringify(Array(1, 2)), JSON.stringify(Array("3")), JSON.stringify(new Array()));
print(JSON.stringify([1, 2, 3].reverse().concat([0])));
print([].push(1, 2), [1].unshift(0), [1, 2].pop(), [1, 2].shift(), [].pop(), [].shift());
