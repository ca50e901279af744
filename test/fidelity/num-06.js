// numbers as text: print, concatenation, JSON, templates, String(), join
print(1.5e-7, 1e-10, 0.000123, 2.5e-5, -1e-20);
print((1.5e-7) + " " + (1e-10) + " " + (0.000123) + " " + (2.5e-5) + " " + (-1e-20));
print(JSON.stringify([1.5e-7, 1e-10, 0.000123, 2.5e-5, -1e-20]));
print(`${1.5e-7}`, String(-1e-20), [1.5e-7, 1e-10, 0.000123, 2.5e-5, -1e-20].join("|"));
