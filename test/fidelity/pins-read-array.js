// pins: D8=1@100 D10=1@250 D9=1@400 D8=0@450
// digitalRead of an array of pins: the first pin is the highest bit
[150, 300, 500].forEach(function (t) { setTimeout(function () { print("at", t, digitalRead([D8, D9, D10]), digitalRead(D8), D9.read()); }, t); });
