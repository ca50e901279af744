// A ternary's condition takes an object's valueOf(); if, !, && and || do not
var ZERO = ({valueOf:function(){return 0}}); if (ZERO) print("if yes"); else print("if no"); print(ZERO?1:0, !ZERO, !!ZERO, ZERO&&"ok", Boolean(ZERO)); var n=0; while(ZERO && n<1){n++;} print(n); var D={valueOf:function(){return 0}}; print(D?"t":"f"); var x=[]; print(x?1:0); var s=new String(""); print(s?1:0);
