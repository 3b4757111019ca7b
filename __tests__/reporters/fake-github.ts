/**
 * An in-memory GitHub for the reporter tests: check runs on commits and comments on
 * issues, with ids that only grow, a log of calls, and faults that fail a call either
 * before it takes effect or after (the 5xx that hides a successful create).
 */
import {
  GitHubError,
  type Annotation,
  type CheckRunInfo,
  type CheckRunOutput,
  type GitHubApi,
  type IssueComment,
} from '../../src/github/api.js';
import { GITHUB_ACTIONS_APP } from '../../src/github/identity.js';

/** The calls the reporters make; the read calls of the preflight checks are not faked. */
type Writes = Pick<
  GitHubApi,
  | 'createCheckRun'
  | 'completeCheckRun'
  | 'addAnnotations'
  | 'listCheckRuns'
  | 'listComments'
  | 'createComment'
  | 'updateComment'
  | 'deleteComment'
>;
export type Method = keyof Writes;

export interface FakeRun extends CheckRunInfo {
  headSha: string;
  annotations: Annotation[];
}

export interface FakeComment extends IssueComment {
  issue: number;
}

interface Fault {
  method: Method;
  when: 'before' | 'after';
  error: Error;
}

/** A GitHub error as GitHub words it. */
export function httpError(status: number, message = status >= 500 ? 'Server Error' : 'Validation Failed'): GitHubError {
  return new GitHubError(status, message);
}

export const READ_ONLY_403 = (): GitHubError => httpError(403, 'Resource not accessible by integration');

export class FakeGitHub implements Writes {
  readonly runs: FakeRun[] = [];
  readonly comments: FakeComment[] = [];
  readonly calls: { method: Method; args: unknown[] }[] = [];
  /** Runs inside `createComment` before the new comment gets its id (a concurrent job). */
  duringCreateComment: (() => void) | undefined;
  /** Runs after each call took effect (another job moving on meanwhile). */
  afterCall: ((method: Method) => void) | undefined;
  /** The app the token acts as: its check runs carry it, its comments are by `<slug>[bot]`. */
  app: { id: number; slug: string } = GITHUB_ACTIONS_APP;
  private nextId = 100;
  private readonly faults: Fault[] = [];

  /** The GitHubApi the code under test gets; an unexpected call throws. */
  get api(): GitHubApi {
    return new Proxy(this, {
      get: (target, key) => {
        if (typeof key === 'symbol' || key === 'then') return undefined;
        const value: unknown = Reflect.get(target, key);
        if (typeof value === 'function' && key in WRITES) return (value as (...args: unknown[]) => unknown).bind(target);
        throw new Error(`unexpected GitHubApi member ${key}`);
      },
    }) as unknown as GitHubApi;
  }

  /** Method names in call order. */
  get methods(): Method[] {
    return this.calls.map((call) => call.method);
  }

  /** The next call of `method` fails (once per call of `fail`). */
  fail(method: Method, when: 'before' | 'after', error: Error): this {
    this.faults.push({ method, when, error });
    return this;
  }

  /** Every call of `method` fails, before it takes effect. */
  failAlways(method: Method, error: () => Error): this {
    for (let i = 0; i < 20; i++) this.fail(method, 'before', error());
    return this;
  }

  seedRun(run: Partial<FakeRun> & { name: string; headSha: string }): FakeRun {
    const id = run.id ?? this.id();
    const full: FakeRun = {
      status: 'completed',
      conclusion: 'success',
      htmlUrl: `https://github.com/o/r/runs/${id}`,
      detailsUrl: undefined,
      externalId: undefined,
      title: undefined,
      summary: undefined,
      text: undefined,
      startedAt: undefined,
      app: GITHUB_ACTIONS_APP,
      annotations: [],
      ...run,
      id,
    };
    this.runs.push(full);
    return full;
  }

  /** A comment; by `github-actions[bot]` (what `GITHUB_TOKEN` writes) unless `author` says otherwise. */
  seedComment(issue: number, body: string, author: IssueComment['author'] = { login: 'github-actions[bot]', type: 'Bot' }): FakeComment {
    const comment = { id: this.id(), issue, body, author };
    this.comments.push(comment);
    return comment;
  }

  private id(): number {
    return this.nextId++;
  }

  private async call<T>(method: Method, args: unknown[], work: () => T): Promise<T> {
    this.calls.push({ method, args });
    await Promise.resolve();
    const index = this.faults.findIndex((fault) => fault.method === method);
    const fault = index >= 0 ? this.faults.splice(index, 1)[0] : undefined;
    if (fault?.when === 'before') throw fault.error;
    const result = work();
    this.afterCall?.(method);
    if (fault) throw fault.error;
    return structuredClone(result);
  }

  private run(id: number): FakeRun {
    const run = this.runs.find((r) => r.id === id);
    if (!run) throw httpError(404, 'Not Found');
    return run;
  }

  private comment(id: number): FakeComment {
    const comment = this.comments.find((c) => c.id === id);
    if (!comment) throw httpError(404, 'Not Found');
    return comment;
  }

  private setOutput(run: FakeRun, output: CheckRunOutput): void {
    run.title = output.title;
    run.summary = output.summary;
    run.text = output.text;
    run.annotations.push(...(output.annotations ?? []));
  }

  createCheckRun(input: Parameters<GitHubApi['createCheckRun']>[0]): Promise<CheckRunInfo> {
    return this.call('createCheckRun', [input], () => {
      const run = this.seedRun({
        name: input.name,
        headSha: input.headSha,
        externalId: input.externalId,
        detailsUrl: input.detailsUrl,
        status: input.conclusion ? 'completed' : 'in_progress',
        conclusion: input.conclusion ?? null,
        app: this.app,
      });
      this.setOutput(run, input.output);
      return run;
    });
  }

  completeCheckRun(id: number, input: Parameters<GitHubApi['completeCheckRun']>[1]): Promise<void> {
    return this.call('completeCheckRun', [id, input], () => {
      const run = this.run(id);
      run.status = 'completed';
      run.conclusion = input.conclusion;
      this.setOutput(run, input.output);
    });
  }

  addAnnotations(id: number, output: CheckRunOutput): Promise<void> {
    return this.call('addAnnotations', [id, output], () => this.setOutput(this.run(id), output));
  }

  listCheckRuns(ref: string, checkName?: string): Promise<CheckRunInfo[]> {
    return this.call('listCheckRuns', [ref, checkName], () =>
      this.runs.filter((run) => run.headSha === ref && (checkName === undefined || run.name === checkName)),
    );
  }

  listComments(issue: number): Promise<IssueComment[]> {
    return this.call('listComments', [issue], () => this.comments.filter((c) => c.issue === issue).sort((a, b) => a.id - b.id));
  }

  createComment(issue: number, body: string): Promise<IssueComment> {
    return this.call('createComment', [issue, body], () => {
      this.duringCreateComment?.();
      return this.seedComment(issue, body, { login: `${this.app.slug}[bot]`, type: 'Bot' });
    });
  }

  updateComment(id: number, body: string): Promise<void> {
    return this.call('updateComment', [id, body], () => {
      this.comment(id).body = body;
    });
  }

  deleteComment(id: number): Promise<void> {
    return this.call('deleteComment', [id], () => {
      this.comment(id);
      this.comments.splice(
        this.comments.findIndex((c) => c.id === id),
        1,
      );
    });
  }
}

const WRITES: Record<Method, true> = {
  createCheckRun: true,
  completeCheckRun: true,
  addAnnotations: true,
  listCheckRuns: true,
  listComments: true,
  createComment: true,
  updateComment: true,
  deleteComment: true,
};
