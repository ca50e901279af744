// numbers as text: print, concatenation, JSON, templates, String(), join
print(Number.MAX_VALUE, 1e21-1, 1e21+1e6, 3e-7*2);
print((Number.MAX_VALUE) + " " + (Number.MAX_VALUE) + " " + (1e21-1) + " " + (1e21+1e6) + " " + (3e-7*2));
print(JSON.stringify([Number.MAX_VALUE, 1e21-1, 1e21+1e6, 3e-7*2]));
print(`${Number.MAX_VALUE}`, String(3e-7*2), [Number.MAX_VALUE, 1e21-1, 1e21+1e6, 3e-7*2].join("|"));
