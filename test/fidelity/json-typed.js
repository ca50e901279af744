// JSON.stringify and print() as Espruino lays them out
print(JSON.stringify(new Uint8Array([1,2,3])), JSON.stringify(new Int16Array([-1,300])), JSON.stringify(new Float32Array([0.5])));
print(JSON.stringify({b:new Uint8Array(2)}), JSON.stringify(new Uint8Array([7,8]).buffer));
