// [].__proto__ is Array.prototype; a top-level let or const may name again what is declared
print(Array.prototype === [].__proto__, String.prototype === "".__proto__, Number.prototype === (5).__proto__, Object.getPrototypeOf([])===Array.prototype, typeof [].slice, typeof Array.prototype.slice);
var obj = 1;
const obj = 2;
let z = 1; let z = 3;
print(obj, z);
