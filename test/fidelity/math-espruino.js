// Espruino's own Math.clip, Math.wrap and Math.randInt (range only)
print(Math.clip(5, 0, 3), Math.clip(-1, 0, 3), Math.clip(2, 0, 3), Math.clip(1.5, 1, 2), Math.clip("7", 0, 5));
print(Math.wrap(5, 3), Math.wrap(-1, 3), Math.wrap(3, 3), Math.wrap(7.5, 2), Math.wrap(0, 5), Math.wrap(-7, 3));
var ok = true;
for (var i = 0; i < 50; i++) { var r = Math.randInt(10); if (r < 0 || r >= 10 || r !== Math.floor(r)) ok = false; }
print(ok, typeof Math.randInt());
for (var i = 0; i < 50; i++) { var f = Math.random(); if (f < 0 || f >= 1) ok = false; }
print(ok);
