// toFixed truncates as Espruino's ftoa does
print((0).toFixed(2), (99.999).toFixed(2), (1e21).toFixed(2), (0.000001).toFixed(7), (12345.678).toFixed(1));
print((0).toFixed(2) + "," + (99.999).toFixed(2) + "," + (1e21).toFixed(2) + "," + (0.000001).toFixed(7) + "," + (12345.678).toFixed(1));
