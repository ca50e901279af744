// numbers as text: print, concatenation, JSON, templates, String(), join
print(1.45, 8.345, -7.25, 1e15+0.3, 12345.6789);
print((1.45) + " " + (8.345) + " " + (-7.25) + " " + (1e15+0.3) + " " + (12345.6789));
print(JSON.stringify([1.45, 8.345, -7.25, 1e15+0.3, 12345.6789]));
print(`${1.45}`, String(12345.6789), [1.45, 8.345, -7.25, 1e15+0.3, 12345.6789].join("|"));
