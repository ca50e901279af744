// toUpperCase/toLowerCase on non-letters, trim of mixed whitespace, concat of mixed values
print("abc-123_xyz".toUpperCase(), "ÀÉ".toLowerCase().length, "MiXeD".toLowerCase());
print("[" + " \t\r\n a \n".trim() + "]");
print("a".concat("b", 1, 2.5, null, undefined, [3, 4], {}));
print("x".concat(), "".concat(1e21, -0, 1 / 3));
