#!/usr/bin/env node
import { createRequire as __losantCreateRequire } from 'node:module'; const require = __losantCreateRequire(import.meta.url);
var __defProp = Object.defineProperty;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __esm = (fn, res, err) => function __init() {
  if (err) throw err[0];
  try {
    return fn && (res = (0, fn[__getOwnPropNames(fn)[0]])(fn = 0)), res;
  } catch (e) {
    throw err = [e], e;
  }
};
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};

// src/model/errors.ts
var LosantOrgError, UsageError;
var init_errors = __esm({
  "src/model/errors.ts"() {
    "use strict";
    LosantOrgError = class extends Error {
    };
    UsageError = class extends LosantOrgError {
      kind = "usage";
      name = "UsageError";
    };
  }
});

// src/cli/validate-command.ts
var validate_command_exports = {};
__export(validate_command_exports, {
  validateCommand: () => validateCommand
});
var validateCommand;
var init_validate_command = __esm({
  "src/cli/validate-command.ts"() {
    "use strict";
    init_errors();
    validateCommand = async () => {
      throw new UsageError("losant-org validate is not built yet");
    };
  }
});

// src/cli/plan-command.ts
var plan_command_exports = {};
__export(plan_command_exports, {
  planCommand: () => planCommand
});
var planCommand;
var init_plan_command = __esm({
  "src/cli/plan-command.ts"() {
    "use strict";
    init_errors();
    planCommand = async () => {
      throw new UsageError("losant-org plan is not built yet");
    };
  }
});

// src/cli/apply-command.ts
var apply_command_exports = {};
__export(apply_command_exports, {
  applyCommand: () => applyCommand
});
var applyCommand;
var init_apply_command = __esm({
  "src/cli/apply-command.ts"() {
    "use strict";
    init_errors();
    applyCommand = async () => {
      throw new UsageError("losant-org apply is not built yet");
    };
  }
});

// src/cli/export-command.ts
var export_command_exports = {};
__export(export_command_exports, {
  exportCommand: () => exportCommand
});
var exportCommand;
var init_export_command = __esm({
  "src/cli/export-command.ts"() {
    "use strict";
    init_errors();
    exportCommand = async () => {
      throw new UsageError("losant-org export is not built yet");
    };
  }
});

// src/cli/emulator-command.ts
var emulator_command_exports = {};
__export(emulator_command_exports, {
  emulatorCommand: () => emulatorCommand
});
var emulatorCommand;
var init_emulator_command = __esm({
  "src/cli/emulator-command.ts"() {
    "use strict";
    init_errors();
    emulatorCommand = async () => {
      throw new UsageError("losant-org emulator is not built yet");
    };
  }
});

// src/cli/demo-command.ts
var demo_command_exports = {};
__export(demo_command_exports, {
  demoCommand: () => demoCommand
});
var demoCommand;
var init_demo_command = __esm({
  "src/cli/demo-command.ts"() {
    "use strict";
    init_errors();
    demoCommand = async () => {
      throw new UsageError("losant-org demo is not built yet");
    };
  }
});

// src/cli/main.ts
init_errors();
var USAGE = `losant-org: access to a Losant organization as code

Usage:
  losant-org validate <files|dirs...> [--format text|json]
  losant-org plan     <files|dirs...> [--format text|markdown|json] [--out plan.json] [--detailed-exitcode] [--allow-removals N]
  losant-org apply    <files|dirs...|plan.json> [--yes] [--concurrency N] [--allow-removals N] [--format text|json]
  losant-org export   --org <id> [--out org.yaml]
  losant-org emulator [--port N] [--state file.yaml] [--latency ms] [--faults spec]
  losant-org demo

Environment: LOSANT_API_TOKEN (never printed), LOSANT_API_URL (default https://api.losant.com).
Exit codes: 0 done or nothing to do, 1 error or refusal, 2 changes present (plan --detailed-exitcode).
Add --debug to any command for stack traces.`;
var COMMANDS = {
  validate: async () => (await Promise.resolve().then(() => (init_validate_command(), validate_command_exports))).validateCommand,
  plan: async () => (await Promise.resolve().then(() => (init_plan_command(), plan_command_exports))).planCommand,
  apply: async () => (await Promise.resolve().then(() => (init_apply_command(), apply_command_exports))).applyCommand,
  export: async () => (await Promise.resolve().then(() => (init_export_command(), export_command_exports))).exportCommand,
  emulator: async () => (await Promise.resolve().then(() => (init_emulator_command(), emulator_command_exports))).emulatorCommand,
  demo: async () => (await Promise.resolve().then(() => (init_demo_command(), demo_command_exports))).demoCommand
};
async function main(argv, io) {
  const debug = argv.includes("--debug");
  const args = argv.filter((a) => a !== "--debug");
  const [name, ...rest] = args;
  if (name === void 0 || name === "--help" || name === "-h" || name === "help") {
    io.stdout.write(`${USAGE}
`);
    return name === void 0 ? 1 : 0;
  }
  if (name === "--version" || name === "-v") {
    io.stdout.write(`${VERSION}
`);
    return 0;
  }
  const load = COMMANDS[name];
  if (load === void 0) {
    io.stderr.write(`losant-org: unknown command '${name}'

${USAGE}
`);
    return 1;
  }
  try {
    const command = await load();
    return await command(rest, io);
  } catch (error) {
    io.stderr.write(`${describeError(error, debug)}
`);
    return 1;
  }
}
function describeError(error, debug) {
  if (error instanceof LosantOrgError) {
    return debug && error.stack !== void 0 ? error.stack : `error: ${error.message}`;
  }
  if (error instanceof Error) {
    return debug && error.stack !== void 0 ? error.stack : `error: ${error.message} (this is a bug in losant-org; run again with --debug for details)`;
  }
  return `error: ${String(error)}`;
}
var VERSION = typeof __VERSION__ === "string" ? __VERSION__ : "0.1.0";
var isEntryPoint = process.argv[1] !== void 0 && import.meta.url.endsWith("cli.js");
if (isEntryPoint) {
  const io = {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd()
  };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`error: ${String(error)}
`);
      process.exitCode = 1;
    }
  );
}
export {
  main
};
