// which statics and methods exist (Espruino 2v29)
var names = ["concat","every","fill","filter","find","findIndex","forEach","includes","indexOf","join","map","pop","push","reduce","reverse","shift","slice","some","sort","splice","toString","unshift","lastIndexOf","flat","flatMap","reduceRight","at","copyWithin","entries","keys","values","findLast"];
print(names.map(function (n) { return n + ":" + typeof [][n]; }).join(" "));
