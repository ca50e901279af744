// Built-ins and the API's functions are native code; a function declared again runs its new code
print(print); print([print]); print({a:Math.sin}); print(typeof print.toString)
var result=0;
function a() {result=0;}
setTimeout(a,10);
function a() {result=1;}
setTimeout(function(){print(result, a)},20);
