// JSON.stringify and print() as Espruino lays them out
print(new Uint8Array([1,2]), new Uint8Array(3), new Int8Array([-1]), new Float32Array([1.5, 0.1]));
print(new Uint8Array([9]).buffer, new ArrayBuffer(2), new Uint16Array([65535]));
print({u:new Uint8Array([1])});
