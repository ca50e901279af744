// JSON.stringify and print() as Espruino lays them out
print(JSON.stringify("\xff\x80\x7f\x01\x1f"));
print(JSON.stringify("a\tb\nc\rd\\e\"f\bg\fh\vi"));
print(JSON.stringify({"k\x80":"\x00"}));
