// E.sum, E.variance, E.convolve and E.CRC32 of arrays, strings and typed arrays
print(E.sum([1, 2, 3]), E.sum(new Uint8Array([10, 20])), E.sum([]), E.sum([0.5, 0.25]), E.sum("AB"));
print(E.variance([1, 2, 3, 4], 2.5), E.variance(new Int8Array([-1, 1]), 0));
print(E.CRC32(""), E.CRC32("abc"), E.CRC32([97, 98, 99]), E.CRC32(new Uint8Array(0)), E.CRC32("The quick brown fox"));
print(typeof E.interpolate, typeof E.interpolate2d, typeof E.convolve);
print(E.convolve([1, 2, 3, 4], [1, 1], 0), E.convolve([1, 2, 3, 4], [1, 2], 1), E.convolve([1, 2, 3], [1, 0, 0], -1));
try { E.sum(5); } catch (e) { print(e.type, e.message); }
try { E.variance(5, 1); } catch (e) { print(e.type, e.message); }
