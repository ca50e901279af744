// Number.prototype.toString with a radix; toPrecision/toExponential absent
print((255).toString(16), (255).toString(2), (-255).toString(36), (0.5).toString(2));
print((1/3).toString(), (1e21).toString(), (2).toString(), typeof (1).toPrecision, typeof (1).toExponential);
