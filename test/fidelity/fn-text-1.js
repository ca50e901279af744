// A function's text as Espruino gives it back: toString, "" + f, print and JSON
function a(){ var x=1;  return x; }
function c(){ var x=1;
  return x;
}
function d(x , y){
  return x  +  1;
}
function e(){
  /* k */ var y;
    y=2; // t
  }
var f=function(){ return function(){ return 2; }; };
var g=(p,q)=>p+q;
class K { m(){return 1;} }
class L { constructor(v){ this.v=v; } }
var r=[a.toString(), ""+c, String(d), ""+e, ""+f, ""+g, ""+K, ""+L, ""+K.prototype.m, ""+Math.sin, ""+print];
print(a); print({f:g});
print(JSON.stringify(r));
