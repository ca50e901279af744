// pins: D12=1@150 D12=0@300 D13=1@450
// two watches on one pin, and a watch set from inside another's callback
var order = [];
setWatch(function (e) { order.push("a" + e.state); }, D12, { repeat: true, edge: "both" });
setWatch(function (e) { order.push("b" + e.state); if (!e.state) setWatch(function (f) { order.push("c" + f.state); }, D13, { repeat: false, edge: "rising" }); }, D12, { repeat: true, edge: "both" });
setTimeout(function () { print(order.join(" ")); clearWatch(); }, 600);
