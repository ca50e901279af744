// numbers as text: print, concatenation, JSON, templates, String(), join
print(Math.sin(1), Math.cos(1), Math.tan(1), Math.atan2(1,2), Math.log(10));
print((Math.sin(1)) + " " + (Math.cos(1)) + " " + (Math.tan(1)) + " " + (Math.atan2(1,2)) + " " + (Math.log(10)));
print(JSON.stringify([Math.sin(1), Math.cos(1), Math.tan(1), Math.atan2(1,2), Math.log(10)]));
print(`${Math.sin(1)}`, String(Math.log(10)), [Math.sin(1), Math.cos(1), Math.tan(1), Math.atan2(1,2), Math.log(10)].join("|"));
