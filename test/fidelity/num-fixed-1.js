// toFixed truncates as Espruino's ftoa does
print((1/3).toFixed(3), (123.456).toFixed(0), (2.5).toFixed(0), (1.005).toFixed(2), (-1.5).toFixed(1));
print((1/3).toFixed(3) + "," + (123.456).toFixed(0) + "," + (2.5).toFixed(0) + "," + (1.005).toFixed(2) + "," + (-1.5).toFixed(1));
