// template literals: expressions, nesting, numbers, objects, escapes, multi-line
var a = 5, o = { x: [1, 2] };
print(`a=${a} b=${a * 2} c=${"s" + 1}`);
print(`${o}|${o.x}|${null}|${undefined}|${true}`);
print(`nest ${`inner ${a}`} done`);
print(`line1
line2`.split("\n").length);
print(`\x41\u0042\t|`, `$`, `${1.5}${-0}${1 / 3}`);
print(`${[1, [2, 3]]}`, `${function () { return 1; }}`.length > 0);
