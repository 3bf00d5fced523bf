import { runCli } from './runCli';

// Under `yarn image-factory`, Yarn runs from the repository root and keeps the
// caller's directory in INIT_CWD; paths are relative to where the user is.
const cwd = process.env.INIT_CWD ?? process.cwd();

runCli(process.argv.slice(2), {
  cwd,
  writeOut: text => process.stdout.write(text),
  writeErr: text => process.stderr.write(text),
}).then(
  status => {
    process.exitCode = status;
  },
  error => {
    process.stderr.write(
      `image-factory: ${
        error instanceof Error ? error.stack : String(error)
      }\n`,
    );
    process.exitCode = 1;
  },
);
