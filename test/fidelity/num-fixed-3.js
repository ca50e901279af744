// toFixed truncates as Espruino's ftoa does
print((Math.PI).toFixed(10), (-0.0001).toFixed(3), (255.5).toFixed(0), (7).toFixed(3), (1e-7).toFixed(8));
print((Math.PI).toFixed(10) + "," + (-0.0001).toFixed(3) + "," + (255.5).toFixed(0) + "," + (7).toFixed(3) + "," + (1e-7).toFixed(8));
