var a = new Uint8Array([1, 2, 3, 4]);
print(a.subarray(1).length, a.subarray(1)[0], a.subarray(-1)[0], a.subarray(1, 3).length);
print(new Uint8Array(a.buffer, 1, 2), new Uint8Array(a.buffer, 2).length);
print(E.toString(a.subarray(0, 2)), E.toString([72, 105]), E.toString("ok"));
var b = new Uint8Array(6).fill(255);
b.set([1, 2], 2);
print(b, b.byteLength);
print(E.CRC32(new Uint8Array(a.buffer, 1, 2)));
