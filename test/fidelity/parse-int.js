// parseInt with radixes, prefixes, signs, whitespace and garbage
print(parseInt("42"), parseInt("  42  "), parseInt("42abc"), parseInt("abc"), parseInt(""), parseInt("-17"), parseInt("+5"));
print(parseInt("0x1F"), parseInt("0x1F", 16), parseInt("1F", 16), parseInt("ff", 16), parseInt("FF", 16), parseInt("z", 36));
print(parseInt("101", 2), parseInt("777", 8), parseInt("012"), parseInt("08"), parseInt("2", 2), parseInt("12", 3));
print(parseInt("3.9"), parseInt("-3.9"), parseInt("1e3"), parseInt(" \n7"), parseInt("0"), parseInt("-0"));
print(parseInt("123", 0), parseInt("123", 1), parseInt("123", 37), parseInt("10", 10.5));
print(parseInt(15.99), parseInt(null), parseInt(undefined), parseInt("Infinity"), parseInt("0b11"), parseInt("0o7"));
