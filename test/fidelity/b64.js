// btoa and atob: padding, binary characters, arrays, invalid input
print(btoa("hello"), btoa(""), btoa("a"), btoa("ab"), btoa("abc"), btoa("\xff\x00\x80"));
print(atob("aGVsbG8="), atob(""), JSON.stringify(atob("/wCA")), atob("YQ"), atob("YWJj"), atob(" YW Jj\n"));
print(JSON.stringify(atob("!!!!")), JSON.stringify(atob("YW!j")));
print(btoa([104, 105]), btoa(new Uint8Array([1, 2, 3])), btoa([256 + 65]));
try { print(btoa()); } catch (e) { print(e.type, e.message); }
try { print(btoa(123)); } catch (e) { print(e.type, e.message); }
try { print(atob(5)); } catch (e) { print(e.type, e.message); }
print(atob(btoa("round trip")));
