// E.toString, E.toArrayBuffer and E.toUint8Array of many kinds of values
print(JSON.stringify(E.toString("abc")), JSON.stringify(E.toString([65, 66])), JSON.stringify(E.toString(new Uint8Array([67, 68]))));
print(JSON.stringify(E.toString(65)), JSON.stringify(E.toString({ data: "xy", count: 2 })), JSON.stringify(E.toString([[72], "i"])));
print(JSON.stringify(E.toString("a", [66], "c")), JSON.stringify(E.toString()), JSON.stringify(E.toString({ callback: function () { return "cb"; } })));
var ab = E.toArrayBuffer("hi"); print(typeof ab, ab.byteLength, new Uint8Array(ab).join(","), E.toArrayBuffer(5));
print(E.toUint8Array("ab", [3, 4], 5).join(","), E.toUint8Array({ data: 7, count: 3 }).join(","), E.toUint8Array(300, -1).join(","));
try { E.toString({ a: 1 }); } catch (e) { print(e.type, e.message); }
try { E.toUint8Array(null); } catch (e) { print(e.type, e.message); }
print(JSON.stringify(E.toJS("a\n")), E.toJS([1, "x", { y: null }]));
