// numbers as text: print, concatenation, JSON, templates, String(), join
print(Math.sqrt(2), Math.sqrt(3), Math.PI*2, Math.E*Math.E, 1/3);
print((Math.sqrt(2)) + " " + (Math.sqrt(3)) + " " + (Math.PI*2) + " " + (Math.E*Math.E) + " " + (1/3));
print(JSON.stringify([Math.sqrt(2), Math.sqrt(3), Math.PI*2, Math.E*Math.E, 1/3]));
print(`${Math.sqrt(2)}`, String(1/3), [Math.sqrt(2), Math.sqrt(3), Math.PI*2, Math.E*Math.E, 1/3].join("|"));
