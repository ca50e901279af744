// numbers as text: print, concatenation, JSON, templates, String(), join
print(123.456, -0.5, 100.25, 99.99, 0.001);
print((123.456) + " " + (-0.5) + " " + (100.25) + " " + (99.99) + " " + (0.001));
print(JSON.stringify([123.456, -0.5, 100.25, 99.99, 0.001]));
print(`${123.456}`, String(0.001), [123.456, -0.5, 100.25, 99.99, 0.001].join("|"));
