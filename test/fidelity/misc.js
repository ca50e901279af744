print(E.CRC32("hello"), E.CRC32(new Uint8Array([1, 2, 3])));
var id = setWatch(function () {}, D1, { repeat: true, edge: "both", debounce: 10 });
print(id);
clearWatch(id);
try { clearWatch(id); } catch (e) { print(e.message); }
try { clearWatch(undefined); } catch (e) { print(e.message); }
print(setWatch(function () {}, "nonsense", {}));
try { setWatch(function () {}, D2, { edge: "sideways" }); } catch (e) { print(e.message); }
pinMode(D3, "input_pullup");
print(getPinMode(D3));
try { pinMode(D3, "bogus"); } catch (e) { print(e.message); }
var m = process.memory();
print(typeof m.free, typeof m.usage, typeof m.total, typeof m.blocksize);
print(JSON.stringify({ a: [1, "x", null] }));
function r() { return
  42; }
print(r());
