// Promise jobs in order (against timers the order depends on how long the script ran: not here), Promise.all, an iterable refused
Promise.resolve(5).catch(function(e){print("c",e);}).then(function(v){print("then",v);},function(e){print("rej",e);});
var p=Promise.resolve(1); setTimeout(function(){p.then(function(v){print("late then",v);});},5);
print(Object.keys(new Promise(function(){})));
Promise.resolve().then(function(){print("P1")});
Promise.all([1,Promise.resolve(2)]).then(function(a){print("all",a)});
try{Promise.all(5)}catch(e){print(e)}
