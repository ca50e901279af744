// Date: its text, its methods on Espruino 2v29, print() of a Date
var d = new Date(1406481531000);
print(d.toString()); print(""+d); print(d); print(JSON.stringify(d)); print(d.toISOString()); print(d.toUTCString());
print(d.toJSON(), d.getTimezoneOffset(), d.getDay(), d.valueOf(), +d);
print(typeof d.toLocaleString, typeof d.toDateString, typeof d.toTimeString, typeof d.toLocaleDateString, typeof d.getUTCHours, typeof d.setUTCHours, typeof d.getYear);
print(new Date(2014, 6, 27).toString(), new Date(0).toString(), new Date(-1).toISOString(), typeof Date.now());
