// split then join round trips, and join of split results with regexes and limits
print("a b  c".split(" ").join("|"), "a,b;c".split(/[,;]/).join("+"), "abc".split("").reverse().join(""));
print("k=v&x=y".split("&").map(function (p) { return p.split("="); }).map(function (kv) { return kv[1]; }).join(""));
print("path/to/file.txt".split("/").pop().split(".")[1], "  lots   of   space ".split(/ +/).length);
print(JSON.stringify("1-2-3".split("-", 1)), JSON.stringify("a\nb\nc".split(/\n/)));
