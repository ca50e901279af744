// const: assigning throws, also from a function and in a classic for loop; for..in with const works
const x = 42;
try { x = 43; print("no"); } catch (e) { print(e.type, e.message, x); }
try { x++; print("no"); } catch (e) { print(e.type, e.message, x); }
try { for (const z=0;z<5;z++); print("no"); } catch (e) { print(e.type, e.message); }
for (const w in [1,2,3]) print(w);
function f(x) { x = 1; return x; } print(f(5));
function g() { x += 2; } try { g(); } catch (e) { print(e.type, e.message, x); }
