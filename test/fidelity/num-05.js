// numbers as text: print, concatenation, JSON, templates, String(), join
print(1e300, 5e-324, 1.7976931348623157e308, 1e-6, 1e-7);
print((1e300) + " " + (5e-324) + " " + (1.7976931348623157e308) + " " + (1e-6) + " " + (1e-7));
print(JSON.stringify([1e300, 5e-324, 1.7976931348623157e308, 1e-6, 1e-7]));
print(`${1e300}`, String(1e-7), [1e300, 5e-324, 1.7976931348623157e308, 1e-6, 1e-7].join("|"));
