// JSON.parse errors and edge cases: trailing commas, quotes, nesting, reviver, primitives
function p(s) { try { print(JSON.stringify(JSON.parse(s))); } catch (e) { print(e.type, e.message); } }
p('{"a":1}'); p('[1,2,]'); p('{"a":1,}'); p("{'a':1}"); p('{a:1}'); p(''); p('   '); p('nul'); p('[1 2]');
p('1'); p('"s"'); p('true'); p('null'); p('-0.5e2'); p('[[[]]]'); p('{"a":{"b":[1,{"c":null}]}}');
p('"\\u0041\\n"'); p('[1]x'); p('{"a"}'); p('01'); p('.5'); p('"abc'); p('[');
print(JSON.parse("[1,2]", function (k, v) { return typeof v == "number" ? v * 10 : v; }));
