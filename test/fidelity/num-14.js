// numbers as text: print, concatenation, JSON, templates, String(), join
print(Math.exp(1), Math.exp(10), Math.pow(2,0.5), Math.pow(10,-3), Math.pow(1.5,2.5));
print((Math.exp(1)) + " " + (Math.exp(10)) + " " + (Math.pow(2,0.5)) + " " + (Math.pow(10,-3)) + " " + (Math.pow(1.5,2.5)));
print(JSON.stringify([Math.exp(1), Math.exp(10), Math.pow(2,0.5), Math.pow(10,-3), Math.pow(1.5,2.5)]));
print(`${Math.exp(1)}`, String(Math.pow(1.5,2.5)), [Math.exp(1), Math.exp(10), Math.pow(2,0.5), Math.pow(10,-3), Math.pow(1.5,2.5)].join("|"));
