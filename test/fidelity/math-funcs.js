// Math functions on ordinary and edge values
print(Math.abs(-3), Math.abs(-0), Math.abs("-2"), Math.abs(null), Math.abs(undefined));
print(Math.ceil(1.2), Math.ceil(-1.2), Math.floor(1.8), Math.floor(-1.8), Math.round(2.5), Math.round(-2.5), Math.round(-0.4));
print(Math.max(), Math.min(), Math.max(1, 3, 2), Math.min(1, -3, 2), Math.max(1, NaN), Math.min("4", 2));
print(Math.sqrt(16), Math.sqrt(-1), Math.pow(2, 10), Math.pow(2, -1), Math.pow(0, 0), Math.pow(-8, 1 / 3));
print(Math.sin(0), Math.cos(0), Math.tan(0), Math.atan2(1, 1), Math.atan2(0, -1), Math.asin(2));
print(Math.exp(0), Math.exp(1), Math.log(1), Math.log(0), Math.log(-1), Math.E, Math.PI);
print(Math.sign(-5), Math.sign(0), Math.sign(3), Math.sign(NaN), Math.sign("-2"));
print(Math.LN2, Math.LN10, Math.LOG2E, Math.LOG10E, Math.SQRT2, Math.SQRT1_2);
print(typeof Math.trunc, typeof Math.cbrt, typeof Math.hypot, typeof Math.log2, typeof Math.fround);
