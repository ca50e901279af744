print(JSON.stringify([1 / 3, 1e21, 1e-7, -0, 2147483648, 4294967296 * 4294967296, NaN, Infinity, -Infinity]));
print(JSON.stringify({ a: Math.PI, b: 0.1 + 0.2 }));
print([1 / 3, 1e21]);
print({ x: 1e-7, y: Math.pow(2, 64) });
