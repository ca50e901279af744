// errors as Espruino makes them: types, messages, own keys, uncaught
try { [].reduce(function(){}); } catch (e) { print(e.type, e.message); }
print([1,2,3].reduce(function(a,b){return a+b;}));
print([].reduce(function(a,b){return a+b;}, 10));
