// Number.prototype.toString with a radix; toPrecision/toExponential absent
print((-10).toString(2), (4294967295).toString(16), (0.2).toString(5), (123).toString(8));
print((1/3).toString(), (1e21).toString(), (2).toString(), typeof (1).toPrecision, typeof (1).toExponential);
