// numbers as text: print, concatenation, JSON, templates, String(), join
print(Math.pow(2,60), Math.pow(2,64), 65536*65536, 100000*100000, 0x7fffffff+1);
print((Math.pow(2,60)) + " " + (Math.pow(2,64)) + " " + (65536*65536) + " " + (100000*100000) + " " + (0x7fffffff+1));
print(JSON.stringify([Math.pow(2,60), Math.pow(2,64), 65536*65536, 100000*100000, 0x7fffffff+1]));
print(`${Math.pow(2,60)}`, String(0x7fffffff+1), [Math.pow(2,60), Math.pow(2,64), 65536*65536, 100000*100000, 0x7fffffff+1].join("|"));
