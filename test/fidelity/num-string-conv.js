// Number() of strings with spaces, signs, radix prefixes, exponents and trailing text
print(Number("  12"), Number("12  "), Number("\t5"), Number("-"), Number("+"), Number("."));
print(Number("1e"), Number("e5"), Number("1e+2"), Number("1E-2"), Number("-.5"), Number("0.1e1"));
print(Number("012"), Number("09"), Number("0o17"), Number("0B11"), Number("0X1f"), Number("-0b1"));
print(Number(" Infinity"), Number("-Infinity"), Number("infinity"), Number("1,5"), Number("5_0"));
print(Number([" 3"]), Number(["x"]), Number([[2]]), Number([null]), Number(["0x8"]));
