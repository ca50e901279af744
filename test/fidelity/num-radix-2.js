// Number.prototype.toString with a radix; toPrecision/toExponential absent
print((0.1).toString(3), (1/3).toString(2), (3.75).toString(16), (1e6).toString(36));
print((1/3).toString(), (1e21).toString(), (2).toString(), typeof (1).toPrecision, typeof (1).toExponential);
