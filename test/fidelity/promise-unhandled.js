// A promise rejected while nothing handles it: an uncaught error of its own, and a handler added later still runs
var p = new Promise(function(r,j){ j("x"); });
setTimeout(function(){ p.catch(function(e){print("late",e);}); }, 10);
print("end");
