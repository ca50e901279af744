// Espruino's JSON.parse reads the first value with its JS lexer and ignores the rest
// (strings with control characters shown as char codes: JSON.stringify differs there)
function show(v) {
  if (typeof v !== "string") return v === undefined ? "undefined" : JSON.stringify(v);
  if (!/[^ -~]/.test(v)) return JSON.stringify(v);
  var c = []; for (var i = 0; i < v.length; i++) c.push(v.charCodeAt(i)); return "codes " + c.join(",");
}
function t(s) {
  try { var v = JSON.parse(s); print(show(s), "->", typeof v, show(v)); }
  catch (e) { print(show(s), "throws", e.type, e.message, e instanceof SyntaxError); }
}
// what follows the first value
t('{"a":1}garbage'); t(' 99"op"'); t('{"a":[1,{"b":2}]}xyz'); t('{"a":1}}'); t('true false'); t('1.5.5');
// strings: unknown escapes, raw control characters (not a newline), other quotes
t('"s\\lot"'); t('"\\x41\\u0042\\q"'); t('"\\0\\b\\f\\v\\r\\/"'); t('"a\tb"'); t('"a\rb"'); t('"a\x01b"'); t('"a\nb"');
t("{'a':'b'}"); t("'it\\'s'"); t('`x`'); t('"abc'); t('"abc\\'); t('"\\u12"'); t('"\\xZZ"');
// trailing commas, keys, literals
t('{"a":1,}'); t('[1,2,]'); t('[1,]'); t('{}'); t('[]'); t('{a:1}'); t('{slot:1}'); t('{"a"}'); t('{"a" 1}'); t('{"a":}');
t('{,}'); t('[,1]'); t('[,]'); t('[1,,2]'); t('{"a":1,,"b":2}'); t('[1 2]'); t('[1 x]'); t('[1 1.5]'); t('[1 "x"]'); t("[1 'q']");
t('{"a":1 "bcdefghijklmnopqrstuvwxyz0123456789"}'); t('{"a" "b"}'); t('[1 {]'); t('[1 true]'); t('[1 null]'); t('[1 undefined]'); t('[1 ==]');
t('[1,2'); t('{"a":1'); t('null'); t('undefined'); t('NaN'); t('Infinity'); t('tru'); t('@');
// numbers
t('+1'); t('-1'); t('- 5'); t('-x'); t('-'); t('--5'); t('01'); t('010'); t('08'); t('1.'); t('.5'); t('0x10'); t('0b11'); t('0o7');
t('1e3'); t('1e'); t('1.5e-3'); t('4294967296'); t('-2147483649');
// nothing there, comments, not a string
t(''); t('   '); t('/* c */ 1'); t('// c\n2'); t(5); t(null); t(undefined);
