/** Spawning a step's shell asynchronously, collecting its output as the runner logs it. */
import { spawn } from 'node:child_process';

export interface ExecResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved as they arrived. */
  combined: string;
}

/** Runs `command`; a step that outlives `timeoutMs` is killed. */
export function exec(command: string[], options: { cwd: string; env: Record<string, string>; timeoutMs: number }): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    const [file = 'bash', ...args] = command;
    const child = spawn(file, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let combined = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => ((stdout += text), (combined += text)));
    child.stderr.setEncoding('utf8').on('data', (text: string) => ((stderr += text), (combined += text)));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.once('error', (error) => (clearTimeout(timer), reject(error)));
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr, combined });
    });
  });
}
