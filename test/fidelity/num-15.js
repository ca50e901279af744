// numbers as text: print, concatenation, JSON, templates, String(), join
print(Math.pow(-2,3), Math.pow(-2,11), Math.pow(2,-1), Math.pow(7,12), Math.asin(0.5));
print((Math.pow(-2,3)) + " " + (Math.pow(-2,11)) + " " + (Math.pow(2,-1)) + " " + (Math.pow(7,12)) + " " + (Math.asin(0.5)));
print(JSON.stringify([Math.pow(-2,3), Math.pow(-2,11), Math.pow(2,-1), Math.pow(7,12), Math.asin(0.5)]));
print(`${Math.pow(-2,3)}`, String(Math.asin(0.5)), [Math.pow(-2,3), Math.pow(-2,11), Math.pow(2,-1), Math.pow(7,12), Math.asin(0.5)].join("|"));
