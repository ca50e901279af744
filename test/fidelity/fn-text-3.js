// A function's text: comments before and after the body's tokens are left out
function Foo(a, b) {
  // comment
  var x = a + b; /* c */
  return x  *  2 ;
}
print(Foo.toString());
var g = function named ( q ) { return "a  b" + q; };
print(""+g);
var h = (a,b) => a+b;
print(""+h);
var k = x => { return x; };
print(""+k);
print(""+Math.sin);
print(""+print);
print(JSON.stringify({f:Foo}));
print([Foo]+"");
class A { m(){return 1;} }
print(""+A);
print(""+A.prototype.m);
var o={m(a){return a;}}; print(""+o.m);
