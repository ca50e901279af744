// pins: D7=1@200 D7=0@210 D7=1@220 D7=0@400 D7=1@405 D7=0@410
// debounce as a settle filter: contact bounce within 50 ms gives one callback with the level it settled at
setWatch(function (e) { print("D7 settled", e.state); }, D7, { repeat: true, edge: "both", debounce: 50 });
setTimeout(function () { print("end"); clearWatch(); }, 700);
