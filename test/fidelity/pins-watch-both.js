// pins: D5=1@200 D6=1@300 D5=0@500 D6=0@700
// A watch on both edges of D5, and D6 read on a timer, while the pins are driven from outside
pinMode(D5, "input"); pinMode(D6, "input");
var n = 0;
setWatch(function (e) { print("D5", e.state); n++; }, D5, { repeat: true, edge: "both" });
setTimeout(function () { print("D6 at 400:", digitalRead(D6)); }, 400);
setTimeout(function () { print("D6 at 800:", digitalRead(D6), "edges", n); clearWatch(); }, 800);
