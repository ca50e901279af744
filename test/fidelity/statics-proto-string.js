// which String methods exist (Espruino 2v29); reading a missing one off a string throws there
var names = ["charAt","charCodeAt","concat","endsWith","includes","indexOf","lastIndexOf","match","padEnd","padStart","repeat","replace","replaceAll","slice","split","startsWith","substr","substring","toLowerCase","toUpperCase","trim"];
print(names.map(function (n) { return n + ":" + typeof ""[n]; }).join(" "));
print(typeof String.prototype.trimStart, typeof String.prototype.search, typeof String.prototype.at);
