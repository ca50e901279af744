// String.split: separators, regexes (groups left out), limits (ignored), empty strings
print(JSON.stringify("a,b,,c".split(",")));
print(JSON.stringify("a,b,c".split(",", 2)));
print(JSON.stringify("a,b,c".split(",", 0)));
print(JSON.stringify("abc".split("")));
print(JSON.stringify("".split(",")));
print(JSON.stringify("".split("")));
print(JSON.stringify("abc".split()));
print(JSON.stringify("a1b22c333".split(/\d+/)));
print(JSON.stringify("a, b ,c".split(/\s*,\s*/)));
print(JSON.stringify("one  two".split(" ")));
print(JSON.stringify("abcabc".split("bc")));
print(JSON.stringify("x".split("x")));
print(JSON.stringify("a-b_c".split(/[-_]/)));
print(JSON.stringify("a,b,c".split(",", -1)));
print(JSON.stringify("a,b".split(undefined)));
print(JSON.stringify("1.2.3".split(".")));
print(JSON.stringify("a1b2c".split(/(\d)/)), JSON.stringify("a1b2c".split(/\d/g)), JSON.stringify("1,2".split(1)));
