// isNaN, isFinite and the Number statics on strings, undefined, objects
print(isNaN(NaN), isNaN("abc"), isNaN("12"), isNaN(undefined), isNaN(null), isNaN(""), isNaN({}), isNaN([]));
print(isFinite(1), isFinite(Infinity), isFinite(NaN), isFinite("12"), isFinite("x"), isFinite(null), isFinite(undefined));
print(typeof Number.isNaN, typeof Number.isFinite, typeof Number.isInteger, typeof Number.parseFloat, typeof Number.EPSILON, typeof Number.MAX_SAFE_INTEGER);
print(Number.MAX_VALUE, Number.MIN_VALUE, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN);
print(NaN == NaN, NaN === NaN, NaN != NaN, Infinity - Infinity, 0 / 0, 1 / 0, -1 / 0);
