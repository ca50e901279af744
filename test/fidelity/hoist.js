try { early(); print("hoisted"); } catch (e) { print("not hoisted at top level"); }
function early() { }
function outer() {
  try { inner(); print("hoisted"); } catch (e) { print("not hoisted in a function"); }
  function inner() { }
}
outer();
print(typeof early);
