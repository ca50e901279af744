// parseFloat and Number() of strings: garbage, exponents, hex, empty, whitespace
print(parseFloat("3.14"), parseFloat("3.14abc"), parseFloat(".5"), parseFloat("-.5e2"), parseFloat("1e"), parseFloat("e1"));
print(parseFloat(""), parseFloat("  2.5 "), parseFloat("Infinity"), parseFloat("-Infinity"), parseFloat("0x10"), parseFloat("1.2.3"));
print(Number(""), Number(" "), Number("12"), Number("12px"), Number("0x10"), Number("1e3"), Number(" 7 "));
print(Number(null), Number(undefined), Number(true), Number(false), Number([]), Number([5]), Number([1, 2]), Number({}));
print(Number("-0x10"), Number("0b101"), Number("Infinity"), Number(".5"), Number("5."), Number("+3"));
print(+"", +"3", +"a", -"2", +[], +{});
