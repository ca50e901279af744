// numbers as text: print, concatenation, JSON, templates, String(), join
print(2/3, 1/7, 1/9, 10/3, 100/7);
print((2/3) + " " + (1/7) + " " + (1/9) + " " + (10/3) + " " + (100/7));
print(JSON.stringify([2/3, 1/7, 1/9, 10/3, 100/7]));
print(`${2/3}`, String(100/7), [2/3, 1/7, 1/9, 10/3, 100/7].join("|"));
