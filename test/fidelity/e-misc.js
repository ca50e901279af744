// E.reverseByte, E.getErrorFlags, and E functions present or not on the Linux build
print(typeof E.getSizeOf, typeof E.getErrorFlags, typeof E.errorFlag, typeof E.reverseByte);
print(JSON.stringify(E.getErrorFlags()));
print(E.reverseByte(1), E.reverseByte(128), E.reverseByte(0x0F), E.reverseByte(0xA5), E.reverseByte(256 + 2));
