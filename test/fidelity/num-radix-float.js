// toString(radix) of negative numbers, fractions and large values
print((255).toString(16), (-255).toString(16), (255).toString(2), (35).toString(36), (0).toString(2));
print((0.5).toString(2), (0.1).toString(2), (3.75).toString(16), (-2.5).toString(8));
print((1e10).toString(16), (2147483648).toString(16), (-2147483649).toString(16), (4294967295).toString(2));
print((10).toString(), (10).toString(10), (10).toString(undefined), (255).toString("16"));
