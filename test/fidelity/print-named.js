// JSON.stringify and print() as Espruino lays them out
function Foo(){ this.x = 1; }
var f = new Foo();
print(f);
function Bar(){ this.y = [1]; }
Bar.prototype.toString = function(){ return "Bar!"; };
print(new Bar());
print([new Foo()]);
