// numbers as text: print, concatenation, JSON, templates, String(), join
print(Math.round(2.5), Math.round(-2.5), Math.round(-0.4), Math.round(0.49999999999999994), Math.round(1e10+0.5));
print((Math.round(2.5)) + " " + (Math.round(-2.5)) + " " + (Math.round(-0.4)) + " " + (Math.round(0.49999999999999994)) + " " + (Math.round(1e10+0.5)));
print(JSON.stringify([Math.round(2.5), Math.round(-2.5), Math.round(-0.4), Math.round(0.49999999999999994), Math.round(1e10+0.5)]));
print(`${Math.round(2.5)}`, String(Math.round(1e10+0.5)), [Math.round(2.5), Math.round(-2.5), Math.round(-0.4), Math.round(0.49999999999999994), Math.round(1e10+0.5)].join("|"));
