// DataView get/set with both byte orders, floats, and reads past the end
var b = new ArrayBuffer(8), d = new DataView(b);
d.setUint16(0, 0x1234); d.setUint16(2, 0x1234, true);
print(new Uint8Array(b).join(","), d.getUint16(0), d.getUint16(0, true), d.getUint16(2, true));
d.setInt32(4, -2); print(d.getInt32(4), d.getUint32(4), d.getInt8(7), d.getUint8(7));
d.setFloat32(0, 1.5); print(d.getFloat32(0), new Uint8Array(b, 0, 4).join(","));
d.setFloat64(0, -0.25, true); print(d.getFloat64(0, true));
d.setInt16(0, 70000); print(d.getInt16(0), d.getUint16(0));
print(d.byteLength, d.byteOffset, d.buffer === b);
var v = new DataView(b, 2, 4); v.setUint8(0, 99); print(new Uint8Array(b)[2], v.byteLength, v.byteOffset);
