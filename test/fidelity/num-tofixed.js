// toFixed: rounding, negative numbers, large and small, no argument
print((1.005).toFixed(2), (1.45).toFixed(1), (1.55).toFixed(1), (2.5).toFixed(0), (3.5).toFixed(0), (-2.5).toFixed(0));
print((0).toFixed(2), (-0).toFixed(2), (123.456).toFixed(), (123.456).toFixed(1), (0.000001).toFixed(7));
print((1e21).toFixed(2), (-1.5).toFixed(3), (99.99).toFixed(1), (0.05).toFixed(1), (10).toFixed(2));
print((1.23e-10).toFixed(3), (5e-7).toFixed(6), (NaN).toFixed(2), (Infinity).toFixed(1));
