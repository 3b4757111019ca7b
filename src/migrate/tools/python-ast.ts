/**
 * What a Python migration does that `alembic upgrade --sql` cannot show, read from the
 * file's AST with Python's own `ast` module (standard library, any Python 3): SQL run
 * through a connection (`op.get_bind().execute(…)`, `connection.execute(…)`), an
 * `op.execute` of a string built at run time (f-string, `%`, `.format`, a variable),
 * and code that behaves differently offline (`context.is_offline_mode()`). Each is
 * "not analysable": it needs an acknowledgement, never passes silently (issue #9).
 * Only the `upgrade()` function is read, when there is one.
 */
import type { SourceNote, ToolContext } from './tool.js';

/** Prints a JSON list of `{line, kind, owner}` for the calls of interest. */
const SCRIPT = String.raw`
import ast, json, sys
tree = ast.parse(open(sys.argv[1], encoding="utf-8").read())
scope = next((n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "upgrade"), tree)
def literal(node):
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return True
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return literal(node.left) and literal(node.right)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "text":
        return bool(node.args) and literal(node.args[0])
    return False
CONSTRUCTS = {"delete", "update", "insert", "where", "values", "returning"}
out = []
for node in ast.walk(scope):
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
        continue
    name, owner = node.func.attr, node.func.value
    owner_name = owner.id if isinstance(owner, ast.Name) else type(owner).__name__
    if name == "execute":
        arg = node.args[0] if node.args else None
        if arg is not None and literal(arg):
            kind = "literal"
        elif isinstance(arg, ast.Call) and isinstance(arg.func, ast.Attribute) and arg.func.attr in CONSTRUCTS:
            kind = "construct"
        else:
            kind = "built"
        out.append({"line": node.lineno, "kind": "execute-" + kind, "owner": owner_name})
    elif name == "is_offline_mode":
        out.append({"line": node.lineno, "kind": "offline-branch", "owner": owner_name})
print(json.dumps(out))
`;

interface Call {
  line: number;
  kind: string;
  owner: string;
}

/** Turns the AST's calls into notes; `op.execute` of a literal or a SQLAlchemy construct is shown by `--sql`. */
export function notesOf(calls: readonly Call[]): SourceNote[] {
  return calls.flatMap((call): SourceNote[] => {
    if (call.kind === 'offline-branch') {
      return [
        {
          line: call.line,
          code: 'offline-branch',
          message: 'behaves differently in offline mode, so alembic --sql does not show what it runs',
          unanalysable: true,
        },
      ];
    }
    if (call.owner !== 'op') {
      return [
        {
          line: call.line,
          code: 'python-execute',
          message: `${call.owner}.execute(…) runs SQL through a connection that alembic --sql does not show`,
          unanalysable: true,
        },
      ];
    }
    if (call.kind === 'execute-built') {
      return [
        {
          line: call.line,
          code: 'built-sql',
          message: 'op.execute of a string built at run time: its SQL depends on Python, not on the file',
          unanalysable: true,
        },
      ];
    }
    return [];
  });
}

/** Notes of `file`; a file Python cannot read gives one "not analysable" note with the reason. */
export async function pythonNotes(python: string, file: string, context: ToolContext): Promise<SourceNote[]> {
  const result = await context.process.run({
    argv: [python, '-c', SCRIPT, file],
    cwd: context.cwd,
    timeoutMs: context.timeoutMs,
    signal: context.signal,
  });
  if (result.exitCode === 0) {
    try {
      return notesOf(JSON.parse(result.stdout) as Call[]);
    } catch {
      // falls through to the note below
    }
  }
  const why = result.startError ?? (result.stderr.trim().split('\n').at(-1) || `exit ${result.exitCode ?? '?'}`);
  return [
    { line: 1, code: 'python-unreadable', message: `the Python operations could not be read (${python}: ${why})`, unanalysable: true },
  ];
}
