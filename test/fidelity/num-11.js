// numbers as text: print, concatenation, JSON, templates, String(), join
print(1e15, 1e20, 9007199254740991, 9007199254740993, Math.pow(2,53));
print((1e15) + " " + (1e20) + " " + (9007199254740991) + " " + (9007199254740993) + " " + (Math.pow(2,53)));
print(JSON.stringify([1e15, 1e20, 9007199254740991, 9007199254740993, Math.pow(2,53)]));
print(`${1e15}`, String(Math.pow(2,53)), [1e15, 1e20, 9007199254740991, 9007199254740993, Math.pow(2,53)].join("|"));
