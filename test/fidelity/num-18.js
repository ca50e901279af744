// numbers as text: print, concatenation, JSON, templates, String(), join
print(1/0, -1/0, 0/0, -0, 0*-1);
print((1/0) + " " + (-1/0) + " " + (0/0) + " " + (-0) + " " + (0*-1));
print(JSON.stringify([1/0, -1/0, 0/0, -0, 0*-1]));
print(`${1/0}`, String(0*-1), [1/0, -1/0, 0/0, -0, 0*-1].join("|"));
