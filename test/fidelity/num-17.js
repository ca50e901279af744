// numbers as text: print, concatenation, JSON, templates, String(), join
print(Math.sign(-3), Math.sign(0), Math.floor(-1.5), Math.ceil(1.2), Math.abs(-1e-7));
print((Math.sign(-3)) + " " + (Math.sign(0)) + " " + (Math.floor(-1.5)) + " " + (Math.ceil(1.2)) + " " + (Math.abs(-1e-7)));
print(JSON.stringify([Math.sign(-3), Math.sign(0), Math.floor(-1.5), Math.ceil(1.2), Math.abs(-1e-7)]));
print(`${Math.sign(-3)}`, String(Math.abs(-1e-7)), [Math.sign(-3), Math.sign(0), Math.floor(-1.5), Math.ceil(1.2), Math.abs(-1e-7)].join("|"));
