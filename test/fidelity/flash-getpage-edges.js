var F = require("Flash");
[0x10000000, 0x100003FF, 0x10000400, 0x1003FFFF, 0x10040000, 0x10040400, 0x0FFFFFFF, 0, -1, 0x20000000].forEach(function (a) {
  print(a, JSON.stringify(F.getPage(a)));
});
print(JSON.stringify(F.getPage(268436480.7)));
print(JSON.stringify(F.getPage("268436480")));
print(JSON.stringify(F.getPage()));
