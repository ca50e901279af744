// int and float: Flash.erasePage refuses a float even when it is whole; which expressions give one (where the loader can see it)
var F = require("Flash"), a = F.getFree()[0].addr;
function t(label, f) { try { f(); print(label, "ok"); } catch (e) { print(label, e.message); } }
t("int", function () { F.erasePage(a); }); t("div", function () { F.erasePage(a / 1); }); t("floor", function () { F.erasePage(Math.floor(a / 1)); });
t("round", function () { F.erasePage(Math.round(a / 1)); }); t("or0", function () { F.erasePage((a / 1) | 0); }); t("mul float", function () { F.erasePage((a / 1) * 1); });
t("plus int", function () { F.erasePage(a + 0); }); t("minus float", function () { F.erasePage(a / 1 - 0); }); t("parseInt", function () { F.erasePage(parseInt("" + a)); });
t("literal e", function () { F.erasePage(1e3 * 0 + a); }); t("time", function () { F.erasePage(Math.floor(getTime() * 0) + a); });
var half = a / 2; t("var", function () { F.erasePage(half * 2); }); t("unary", function () { F.erasePage(-(-(a / 1))); });
t("ceil", function () { F.erasePage(Math.ceil(a / 1)); }); t("abs", function () { F.erasePage(Math.abs(a)); }); t("str", function () { F.erasePage("" + a); });
