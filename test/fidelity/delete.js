// delete answers true only when it removed something; a top-level var can be deleted
print(delete zzz);
var q=1; print(delete q, typeof q);
function t(){ return eval("delete nope"); } print(t());
var o={a:1}; print(delete o.a, delete o.b, delete o["c"]);
print(delete 5);
function foo() { var y = 43; print(eval("delete y"), eval("y")); x=1; print(eval("delete x")); }
foo();
print(delete Math.PI);
