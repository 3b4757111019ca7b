/**
 * What the runner does with a step's output lines: it runs workflow commands
 * (`::error file=…,line=…::msg`, `::add-mask::`, `::stop-commands::<token>` …) and
 * masks registered secrets in what it shows. Modelled on actions/runner
 * `ActionCommand.TryParseV2` / `TryParse` and `ActionCommandManager`.
 */

/** Commands the runner knows; anything else is an ordinary log line. */
const KNOWN = new Set([
  'add-mask',
  'add-matcher',
  'remove-matcher',
  'debug',
  'notice',
  'warning',
  'error',
  'group',
  'endgroup',
  'echo',
  'set-output',
  'save-state',
  'set-env',
  'add-path',
  'stop-commands',
]);

/** A workflow command the runner executed. */
export interface WorkflowCommand {
  command: string;
  properties: Record<string, string>;
  message: string;
  /** The raw line. */
  line: string;
}

/** The runner's view of a log. */
export interface ProcessedLog {
  /** Commands that ran, in order. */
  commands: WorkflowCommand[];
  /** Values registered with `::add-mask::`. */
  masks: string[];
  /** The log as shown on github.com: commands consumed, masks applied. */
  visible: string;
  /** How many `::stop-commands::` regions there were. */
  stopRegions: number;
}

function unescapeData(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

function unescapeProperty(text: string): string {
  return unescapeData(text).replace(/%3A/g, ':').replace(/%2C/g, ',');
}

/** Parses `::name k=v,k=v::data` (v2) or `##[name k=v;k=v]data` (v1), if `known` has the name. */
export function parseCommand(raw: string, known: ReadonlySet<string>): WorkflowCommand | undefined {
  const line = raw.trimStart();
  if (line.startsWith('::')) {
    const end = line.indexOf('::', 2);
    if (end < 0) return undefined;
    const info = line.slice(2, end);
    const space = info.indexOf(' ');
    const command = space < 0 ? info : info.slice(0, space);
    if (!known.has(command)) return undefined;
    const properties: Record<string, string> = {};
    if (space > 0) {
      for (const pair of info
        .slice(space + 1)
        .trim()
        .split(',')
        .filter(Boolean)) {
        const eq = pair.indexOf('=');
        if (eq > 0 && eq < pair.length - 1) properties[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1));
      }
    }
    return { command, properties, message: unescapeData(line.slice(end + 2)), line: raw };
  }
  if (line.startsWith('##[')) {
    const close = line.indexOf(']');
    if (close < 0) return undefined;
    const info = line.slice(3, close);
    const space = info.indexOf(' ');
    const command = space < 0 ? info : info.slice(0, space);
    if (!known.has(command)) return undefined;
    const properties: Record<string, string> = {};
    if (space > 0) {
      for (const pair of info
        .slice(space + 1)
        .split(';')
        .filter(Boolean)) {
        const eq = pair.indexOf('=');
        if (eq > 0) properties[pair.slice(0, eq).trim()] = unescapeProperty(pair.slice(eq + 1));
      }
    }
    return { command, properties, message: unescapeData(line.slice(close + 1)), line: raw };
  }
  return undefined;
}

/** Replaces every registered secret with `***`, longest first. */
export function applyMasks(text: string, masks: readonly string[]): string {
  let out = text;
  for (const mask of [...masks].sort((a, b) => b.length - a.length)) if (mask) out = out.split(mask).join('***');
  return out;
}

/**
 * Runs the workflow commands of a log, as the runner would. `masks` are secrets known
 * before (the `secrets` context); `::add-mask::` adds to them.
 */
export function processLog(text: string, masks: readonly string[] = []): ProcessedLog {
  const commands: WorkflowCommand[] = [];
  const registered = [...masks];
  const shown: string[] = [];
  let stopToken: string | undefined;
  let stopRegions = 0;
  for (const line of text.split(/\r?\n/)) {
    if (stopToken !== undefined) {
      const resume = parseCommand(line, new Set([stopToken]));
      if (resume) stopToken = undefined;
      else shown.push(line);
      continue;
    }
    const command = parseCommand(line, KNOWN);
    if (!command) {
      shown.push(line);
      continue;
    }
    commands.push(command);
    if (command.command === 'add-mask') {
      registered.push(command.message);
      continue;
    }
    if (command.command === 'stop-commands') {
      stopToken = command.message;
      stopRegions++;
      continue;
    }
    shown.push(line);
  }
  return { commands, masks: registered, visible: applyMasks(shown.join('\n'), registered), stopRegions };
}
