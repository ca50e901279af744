// typed arrays: conversion on store (wrap, clamp, truncate), from arrays and buffers, views
var u8 = new Uint8Array([256, -1, 1.9, -1.9, 300]); print(u8.join(","));
var i8 = new Int8Array([127, 128, 255, -129]); print(i8.join(","));
var c = new Uint8ClampedArray([300, -5, 1, 255, 256]); print(c.join(","));
var u16 = new Uint16Array([65536, -1]); print(u16.join(","));
var i32 = new Int32Array([2147483648, 4294967295]); print(i32.join(","));
var f32 = new Float32Array([0.1, 1e40]); print(f32[0], f32[1]);
var buf = new ArrayBuffer(4), a = new Uint8Array(buf), w = new Uint16Array(buf);
a[0] = 1; a[1] = 2; print(w[0], w.length, a.length, buf.byteLength);
var s = new Uint8Array(buf, 1, 2); s[0] = 9; print(a.join(","), s.length, s.byteOffset);
var x = new Uint8Array(3); x[5] = 1; print(x.join(","), x[5], x.length);
print(new Uint8Array([1, 2]).map(function (v) { return v * 200; }).join(","));
