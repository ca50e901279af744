// Pins: D0 ... are Pin objects, printed as their names, quoted in JSON; arrays of pins; objects with read/write
print(D0, [D1], {p:D2}, JSON.stringify([D3]), ""+D4, D5==5, D6.read(), D7.toggle(), D7.read(), getPinMode(D7), digitalRead([D7,D6]))
print(JSON.stringify([D3],null,2)); console.log(D0); print([D1,2],{a:D0,b:1})
var r = "";
var v = 0;
var pin = { something : "foo", read : function() { r+="r"+this.something; v=!v; return v; }, write : function(v) { r+="w"+this.something+v }, };
r += digitalRead(pin);
r += digitalRead(pin);
digitalWrite(pin,1);
digitalWrite(pin,0);
print(r);
Pin.prototype.foo = 42; print(D0.foo, D1 instanceof Pin); digitalWrite([D2,D3,D4], 5); print(digitalRead([D2,D3,D4]));
