// JSON.stringify and print() as Espruino lays them out
print(JSON.stringify(new Date(0)), JSON.stringify({d:new Date(86400000)}));
print(JSON.stringify({toJSON:function(){return [1,2];}}));
print(JSON.stringify({a:{toJSON:function(k){return "k="+k;}}}));
