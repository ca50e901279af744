// parseInt and parseFloat of numbers, booleans, whitespace before a prefix, big radixes
print(parseInt(1e21), parseInt(0.0000005), parseInt(true), parseInt(" 0x10"), parseInt("-0x10"), parseInt("0x"));
print(parseInt("zz", 36), parseInt("ZZ", 36), parseInt("10", 40), parseInt("10", -2), parseInt("10", 2.9), parseInt("7", 8));
print(parseFloat(1.5), parseFloat("+.5"), parseFloat(" -1e-2x"), parseFloat(" Infinity"), parseFloat("0b101"), parseFloat("017"));
print(parseFloat("."), parseFloat("-"), parseFloat("1e5e5"), parseFloat("9.99"), parseFloat([2.5]), parseFloat(null));
