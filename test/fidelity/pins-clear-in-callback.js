// pins: D11=1@100 D11=0@200 D11=1@300 D11=0@400 D11=1@500
// a watch that clears itself after two edges: the later edges reach nothing
var n = 0, id;
id = setWatch(function (e) { n++; print("edge", n, e.state); if (n === 2) { clearWatch(id); print("cleared"); } }, D11, { repeat: true, edge: "both" });
setTimeout(function () { print("edges seen", n); }, 650);
