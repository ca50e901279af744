var F = require("Flash");
print(F.getFree());
var addrs = [0x10000000, 0x10000400, 0x10020000, 0x1003FC00];
addrs.forEach(function (a) {
  var p = F.getPage(a + 5);
  F.erasePage(a);
  F.write(new Uint8Array([1, 2, 3, 4]), a);
  print(a.toString(16), p.addr.toString(16), p.length, F.read(6, a));
  F.erasePage(a + 1000);
  print(F.read(4, a));
});
