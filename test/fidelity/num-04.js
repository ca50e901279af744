// numbers as text: print, concatenation, JSON, templates, String(), join
print(1e21, 1e22, 2e21, 1.5e25, 1e100);
print((1e21) + " " + (1e22) + " " + (2e21) + " " + (1.5e25) + " " + (1e100));
print(JSON.stringify([1e21, 1e22, 2e21, 1.5e25, 1e100]));
print(`${1e21}`, String(1e100), [1e21, 1e22, 2e21, 1.5e25, 1e100].join("|"));
