// pins: D5=1@200 D6=1@250 D5=0@300 D6=0@350 D5=1@400 D6=1@450 D5=0@500 D6=0@550
// edge: "rising" with repeat, "falling" once: which changes reach the callbacks
setWatch(function (e) { print("rising D5", e.state); }, D5, { repeat: true, edge: "rising" });
var id = setWatch(function (e) { print("falling D6 once", e.state); }, D6, { repeat: false, edge: "falling" });
print("watch id", id);
setTimeout(function () { print("end"); clearWatch(); }, 700);
