console.log("cli: todo");
