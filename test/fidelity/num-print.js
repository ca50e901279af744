// numbers as print() shows them: ~12 significant digits, Espruino's exponent form
print(Math.sqrt(2), Math.PI, Math.E, 1/3, 2/3, 1/7, 0.1+0.2, 0.3-0.1);
print(1e21, 1e22, 1.5e25, 1e100, 1e300, 1.7976931348623157e308, 5e-324);
print(1e-6, 1e-7, 1.5e-7, 0.000123, 1.23e-10, -1e-20, 2.5e-5);
print(123.456, -0.5, 100.25, 99.99, 0.001, 1000000.5, 123456789.123);
