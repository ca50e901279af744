// process.on('uncaughtException') gets an unhandled rejection and an error thrown in a timer
process.on("uncaughtException", function(e) { print("got", e); });
new Promise(function(res,rej) { throw "Bummer"; }).then(function(r) { print("then"); });
setTimeout(function() { throw "Whoa!"; }, 5);
setTimeout(function() { print("still running"); }, 10);
