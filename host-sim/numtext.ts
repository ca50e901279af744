// Numbers as Espruino writes them (src/jsutils.c ftoa_bounded_extra), as JavaScript source:
// the same text runs in the host (format.ts) and in every sandbox (loader.ts PRELUDE), where
// string concatenation, templates, String(), join() and toString() use it.
//  - an int (a 32-bit JsVarInt) is written as its digits;
//  - any other number is a double, written digit by digit in double arithmetic, with at most
//    11 decimals, and at 1e21 and above or below 1e-6 in Espruino's exponent form ("10e+20").
export const NUMTEXT_JS = `
var __trunc = Math.trunc;
function __cInt(x) { return x >= 2147483648 || x < -2147483648 || x !== x ? -2147483648 : __trunc(x); }
function __itoch(v) { return v < 10 ? String.fromCharCode(48 + v) : String.fromCharCode(87 + v); }
function __ftoa(val, radix, fractionalDigits) {
  var stopAtError = 0.0000001;
  if (val !== val) return 'NaN';
  if (val === Infinity) return 'Infinity';
  if (val === -Infinity) return '-Infinity';
  var s = '';
  if (val < 0) { s = '-'; val = -val; }
  var exponent = 0;
  if (radix === 10 && val > 0 && fractionalDigits < 0) {
    if (val >= 1e21) {
      while (val > 100000) { val /= 100000; exponent += 5; }
      while (val > 10) { val /= 10; exponent++; }
    } else if (val < 1e-6) {
      while (val < 1e-5) { val *= 100000; exponent -= 5; }
      while (val < 1) { val *= 10; exponent--; }
    }
  }
  if (__cInt(val + stopAtError) === ((1 + __cInt(val)) | 0)) val = (1 + __cInt(val)) | 0;
  var d = 1;
  while (d * radix <= val) d *= radix;
  while (d >= 1) {
    var v = __cInt(val / d);
    val -= v * d;
    s += __itoch(v);
    d /= radix;
  }
  if ((fractionalDigits < 0 && val > 0) || fractionalDigits > 0) {
    var hasPt = false;
    val *= radix;
    while ((fractionalDigits < 0 && fractionalDigits > -12 && val > stopAtError) || fractionalDigits > 0) {
      var w = __cInt(val + (fractionalDigits === 1 ? 0.5 : 0.00000001));
      val = (val - w) * radix;
      if (w === radix) w = radix - 1;
      if (!hasPt) { hasPt = true; s += '.'; }
      s += __itoch(w);
      fractionalDigits--;
    }
  }
  if (exponent) s += 'e' + (exponent > 0 ? '+' : '') + exponent;
  return s;
}
function __isInt(n) { return (n | 0) === n && (n !== 0 || 1 / n > 0); }
function __numStr(n) { return __isInt(n) ? '' + n : __ftoa(n, 10, -1); }
`;

const made = new Function(NUMTEXT_JS + 'return { ftoa: __ftoa, numStr: __numStr, isInt: __isInt };')() as {
  ftoa(val: number, radix: number, fractionalDigits: number): string;
  numStr(n: number): string;
  isInt(n: number): boolean;
};

/** a double as Espruino writes it, in `radix`, with `fractionalDigits` (-1: as many as it takes, up to 11) */
export const ftoa = (val: number, radix = 10, fractionalDigits = -1) => made.ftoa(val, radix, fractionalDigits);
/** whether Espruino would hold this number as an int (a 32-bit JsVarInt) */
export const isIntish = made.isInt;
/** a number as Espruino turns it into text (print, string concatenation, String(), JSON) */
export const numStr = made.numStr;

/** A decimal number literal as Espruino's lexer reads it (src/jsutils.c
 * stringToFloatWithRadix): digits, then each decimal times a factor divided by 10 each time,
 * then the exponent as repeated multiplications or divisions by 10 — not always the double
 * nearest the text, as V8 reads it. An integer literal beyond 64 bits wraps (stringToInt). */
export function espruinoLiteral(text: string): number {
  const t = text.replace(/_/g, '');
  if (/^0[xXbBoO]/.test(t)) return Number(t);
  if (!/[.eE]/.test(t)) {
    if (/^0[0-7]+$/.test(t)) return parseInt(t, 8);
    return t.length > 15 ? Number(BigInt.asIntN(64, BigInt(t))) : Number(t);
  }
  let i = 0;
  let v = 0;
  let mul = 0.1;
  while (i < t.length && t[i] >= '0' && t[i] <= '9') v = v * 10 + (t.charCodeAt(i++) - 48);
  if (t[i] === '.') {
    i++;
    while (i < t.length && t[i] >= '0' && t[i] <= '9') { v += mul * (t.charCodeAt(i++) - 48); mul /= 10; }
  }
  if (t[i] === 'e' || t[i] === 'E') {
    i++;
    let neg = false;
    if (t[i] === '-' || t[i] === '+') neg = t[i++] === '-';
    let e = 0;
    while (i < t.length && t[i] >= '0' && t[i] <= '9') e = e * 10 + (t.charCodeAt(i++) - 48);
    if (neg) e = -e;
    while (e > 0) { v *= 10; e--; }
    while (e < 0) { v /= 10; e++; }
  }
  return v;
}
