// A function's text: the body from its first token to its last, a lone return, several lines
function a(){ var x=1;  return x; }
function b(){
  var x=1; return x; }
function c(){ var x=1;
  return x;
}
function d(x){
  return x  +  1;
}
function e(){
  /* k */ var y;
    y=2; // t
  }
var f=function(){ return function(){ return 2; }; };
print(JSON.stringify([""+a,""+b,""+c,""+d,""+e,""+f]));
