// Math.round, floor, ceil, abs and sqrt on halves, negatives, strings and big values
print(Math.round(0.5), Math.round(1.5), Math.round(-0.5), Math.round(-1.5), Math.round(2.4999), Math.round("3.5"));
print(Math.floor(-0.5), Math.ceil(-0.5), Math.floor(1e10 + 0.5), Math.ceil(2147483647.5), Math.round(-2147483648.5));
print(Math.abs(-2147483648), Math.sqrt(2), Math.sqrt(0), Math.sqrt(1e-10), Math.pow(10, 21), Math.pow(2, 0.5));
print(Math.min(0, -0), Math.max(-0, 0), Math.max("a", 1), Math.min([]), Math.max([5]), Math.min(null, 1));
