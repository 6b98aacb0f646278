#!/usr/bin/env node
"use strict";
const { existsSync } = require("node:fs");
const { join } = require("node:path");

const compiled = join(__dirname, "..", "dist", "src", "cli.js");
if (!existsSync(compiled)) {
  process.stderr.write("Switchboard is not built yet: run `npm run build` (npm install does it) and try again.\n");
  process.exit(1);
}
require(compiled)
  .main(process.argv.slice(2))
  .then((code) => process.exit(code));
