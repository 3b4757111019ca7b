export const id = 395;
export const ids = [395];
export const modules = {

/***/ 9395:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  analyseSql: () => (/* reexport */ analyseSql)
});

// UNUSED EXPORTS: RULES, needsAck

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/text.ts
var src_text = __webpack_require__(8992);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(3136);
;// CONCATENATED MODULE: ./src/migrate/analysis/parser.ts
/**
 * The real PostgreSQL parser (npm `libpg-query`, PostgreSQL 18's parser compiled to
 * WebAssembly), loaded on first use with a dynamic `import()`: it costs about 0.1 s and
 * 40 MB, so nothing that starts the smoke or preflight gates ever loads it. The bundle
 * copies `libpg-query.wasm` next to the chunk that loads it (`scripts/bundle.mjs`).
 *
 * Offsets in everything it returns (statement locations, node locations, token spans,
 * error cursors) are UTF-8 byte offsets into the parsed text.
 */


let loading;
/**
 * libpg-query's Emscripten loader is CommonJS and finds `libpg-query.wasm` in `__dirname`.
 * Run from node_modules, that is its own folder. Inside the ncc bundle (ES modules, where
 * `__dirname` does not exist) it reads the global one, set here to the bundle's folder for
 * the time of the load: `scripts/bundle.mjs` copies the wasm there.
 */
async function importWithDirname() {
    const scope = globalThis;
    const shim = !('__dirname' in scope);
    if (shim)
        scope.__dirname = (0,external_node_path_.dirname)((0,external_node_url_.fileURLToPath)(import.meta.url));
    try {
        const pg = await __webpack_require__.e(/* import() */ 627).then(__webpack_require__.t.bind(__webpack_require__, 2627, 23));
        await pg.loadModule();
        return pg;
    }
    finally {
        if (shim)
            delete scope.__dirname;
    }
}
/** Loads libpg-query once per process. */
function loadParser() {
    loading ??= importWithDirname().then((pg) => ({
        parse: (sql) => pg.parseSync(sql),
        parsePlpgsql: (sql) => pg.parsePlPgSQLSync(sql),
        scan: (sql) => pg.scanSync(sql).tokens,
    }));
    return loading;
}
/** The byte offset a parse error points at, when it gives one. */
function errorOffset(error) {
    if (typeof error !== 'object' || error === null || !('sqlDetails' in error))
        return undefined;
    const details = error.sqlDetails;
    return typeof details?.cursorPosition === 'number' ? details.cursorPosition : undefined;
}
/** An error's message, for the "not analysable" reason. */
function errorMessage(error) {
    return error instanceof Error ? error.message : String(error);
}

;// CONCATENATED MODULE: ./src/migrate/analysis/source.ts
/**
 * A text and the map from the parser's UTF-8 byte offsets to JavaScript string indexes and
 * to lines and columns. Pure ASCII text (most SQL) maps byte to index one to one; other
 * text gets a byte → index table, built once.
 */
class SourceText {
    text;
    ascii;
    bytesCache;
    indexOfByte;
    lineStarts;
    constructor(text) {
        this.text = text;
        this.ascii = !/[^\x00-\x7f]/.test(text);
    }
    /** The text as UTF-8. */
    get bytes() {
        this.bytesCache ??= Buffer.from(this.text, 'utf8');
        return this.bytesCache;
    }
    /** Length in UTF-8 bytes. */
    get byteLength() {
        return this.ascii ? this.text.length : this.bytes.length;
    }
    /** The string index of a UTF-8 byte offset (clamped to the text). */
    index(byteOffset) {
        const offset = Math.max(0, Math.min(byteOffset, this.byteLength));
        if (this.ascii)
            return offset;
        this.indexOfByte ??= byteToIndex(this.text, this.byteLength);
        return this.indexOfByte[offset] ?? this.text.length;
    }
    /** The text between two byte offsets (`end` defaults to the end of the text). */
    slice(startByte, endByte) {
        if (this.ascii)
            return this.text.slice(startByte, endByte);
        return this.bytes.subarray(startByte, endByte).toString('utf8');
    }
    /** The 0-based line and column of a string index. */
    lineColumn(index) {
        const starts = this.starts();
        let low = 0;
        let high = starts.length - 1;
        while (low < high) {
            const mid = (low + high + 1) >> 1;
            if ((starts[mid] ?? 0) <= index)
                low = mid;
            else
                high = mid - 1;
        }
        return { line: low, column: index - (starts[low] ?? 0) };
    }
    /** The string index where 0-based `line` starts, past its leading blanks (the end of the text past the last line). */
    lineIndent(line) {
        const start = this.starts()[line];
        if (start === undefined)
            return this.text.length;
        let at = start;
        while (at < this.text.length && (this.text[at] === ' ' || this.text[at] === '\t'))
            at++;
        return at;
    }
    starts() {
        if (!this.lineStarts) {
            const starts = [0];
            for (let at = this.text.indexOf('\n'); at !== -1; at = this.text.indexOf('\n', at + 1))
                starts.push(at + 1);
            this.lineStarts = starts;
        }
        return this.lineStarts;
    }
}
/** For each UTF-8 byte offset, the index of the character it falls in. */
function byteToIndex(text, byteLength) {
    const map = new Uint32Array(byteLength + 1);
    let byte = 0;
    for (let index = 0; index < text.length; index++) {
        const code = text.charCodeAt(index);
        const high = code >= 0xd800 && code <= 0xdbff && index + 1 < text.length;
        const size = code < 0x80 ? 1 : code < 0x800 ? 2 : high ? 4 : 3;
        for (let k = 0; k < size; k++)
            map[byte + k] = index;
        byte += size;
        if (high)
            index++;
    }
    map[byteLength] = text.length;
    return map;
}

;// CONCATENATED MODULE: ./src/migrate/analysis/tree.ts
/**
 * Calls `visit` for every node under `value` (a node is `{ Type: body }`, `Type` capitalised),
 * parents before children; `visit` returns `false` to skip a node's children. Clears every
 * `location` it passes once the parent has been visited (the tree is the caller's to consume),
 * so that `JSON.stringify` of the walked tree is its canonical form.
 */
function walk(value, visit) {
    if (Array.isArray(value)) {
        for (const item of value)
            walk(item, visit);
        return;
    }
    if (value === null || typeof value !== 'object')
        return;
    const record = value;
    for (const key in record) {
        const child = record[key];
        if (key === 'location') {
            record[key] = undefined;
            continue;
        }
        if (child === null || typeof child !== 'object')
            continue;
        const code = key.charCodeAt(0);
        if (code >= 65 && code <= 90 && !Array.isArray(child) && visit(key, child) === false) {
            clearLocations(child);
            continue;
        }
        walk(child, visit);
    }
}
/** Clears every `location` under `value` (what {@link walk} does, without visiting). */
function clearLocations(value) {
    if (Array.isArray(value)) {
        for (const item of value)
            clearLocations(item);
        return;
    }
    if (value === null || typeof value !== 'object')
        return;
    const record = value;
    for (const key in record) {
        if (key === 'location')
            record[key] = undefined;
        else
            clearLocations(record[key]);
    }
}
/** The node type and body of a node (`{ DeleteStmt: {…} }` → `['DeleteStmt', {…}]`). */
function unwrap(node) {
    if (!node)
        return undefined;
    for (const key in node)
        return [key, node[key] ?? {}];
    return undefined;
}
/** The parse tree as JSON without its `location`s: equal for trees that differ only in where they were written. */
function canonical(value) {
    return JSON.stringify(value, (key, v) => (key === 'location' ? undefined : v));
}
/** True when two trees are the same but for their locations. */
function sameTree(a, b) {
    return canonical(a) === canonical(b);
}
/** `"name"`: an identifier quoted, so any name (mixed case, reserved word) means itself. */
function quoteIdent(name) {
    return `"${name.replaceAll('"', '""')}"`;
}
/** A relation as written: `public.candidates`, or `candidates` when unqualified. */
function relationName(relation) {
    if (!relation?.relname)
        return '(unknown)';
    return [relation.catalogname, relation.schemaname, relation.relname].filter(Boolean).join('.');
}
/** A relation quoted for SQL: `"public"."candidates"`, with `ONLY` when the statement said ONLY (the tree leaves out a false `inh`). */
function quoteRelation(relation) {
    const name = [relation.catalogname, relation.schemaname, relation.relname]
        .filter((part) => Boolean(part))
        .map(quoteIdent)
        .join('.');
    return relation.inh === true ? name : `ONLY ${name}`;
}
/** The strings of a list of `String` nodes (a qualified name): `['public', 'candidates']`. */
function names(list) {
    return (list ?? []).flatMap((item) => ('String' in item && item.String.sval !== undefined ? [item.String.sval] : []));
}
/** The name lists of a DROP's objects: `DROP TABLE a.b, c` → `[['a', 'b'], ['c']]`. */
function objectNames(objects) {
    return (objects ?? []).map((object) => ('List' in object ? names(object.List.items) : names([object])));
}

;// CONCATENATED MODULE: ./src/migrate/analysis/tokens.ts
/**
 * The token text of a function or DO body, for its hash and for deciding whether it needs
 * the plpgsql parser at all. PostgreSQL's lexical rules (the `scan.l` of its parser, as
 * libpg-query's `scan` applies them, at a fraction of the cost): whitespace and comments
 * (`--`, nested `/* *\/`) are dropped; string constants ('…' with '' escapes, E'…' with
 * backslash escapes, $tag$…$tag$), quoted identifiers and numbers are kept as written;
 * unquoted words, which SQL and plpgsql read case-insensitively, are lower-cased; operators
 * are grouped as the lexer groups them. Tokens are joined by one space. Nothing but
 * whitespace and comments is ever dropped, so two bodies with the same tokens differ only in
 * layout, and any other edit changes the text.
 */
const SPACE = /\s/;
const WORD_START = /[A-Za-z_\u0080-\uffff]/;
const WORD = /[A-Za-z0-9_$\u0080-\uffff]/;
const OPERATOR = /[+\-*/<>=~!@#%^&|`?]/;
/** The opening `$tag$` (or `$$`) of a dollar-quoted string at the start of the text. */
const DOLLAR_TAG = /^\$(?:[A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*)?\$/;
/** End index of the string or quoted identifier that opens at `start` with `quote`, past the closing quote. */
function quotedEnd(text, start, quote, backslash) {
    let at = start + 1;
    while (at < text.length) {
        const char = text[at];
        if (backslash && char === '\\')
            at += 2;
        else if (char === quote && text[at + 1] === quote)
            at += 2;
        else if (char === quote)
            return at + 1;
        else
            at++;
    }
    return text.length;
}
/** End index of the nested block comment that opens at `start`. */
function commentEnd(text, start) {
    let depth = 0;
    let at = start;
    while (at < text.length) {
        if (text.startsWith('/*', at)) {
            depth++;
            at += 2;
        }
        else if (text.startsWith('*/', at)) {
            depth--;
            at += 2;
            if (depth === 0)
                return at;
        }
        else
            at++;
    }
    return text.length;
}
/** End index of an operator that starts at `start`: the longest run, less a trailing + or - that PostgreSQL would not take. */
function operatorEnd(text, start) {
    let end = start;
    while (end < text.length && OPERATOR.test(text[end] ?? '') && !text.startsWith('--', end) && !text.startsWith('/*', end))
        end++;
    const run = text.slice(start, end);
    if (run.length > 1 && !/[~!@#%^&|`?]/.test(run)) {
        while (end - start > 1 && (text[end - 1] === '+' || text[end - 1] === '-'))
            end--;
    }
    return Math.max(end, start + 1);
}
/** The tokens of `text` (see the module comment). */
function tokens(text) {
    const out = [];
    let at = 0;
    while (at < text.length) {
        const char = text[at] ?? '';
        const next = text[at + 1] ?? '';
        let end;
        if (SPACE.test(char)) {
            at++;
            continue;
        }
        else if (char === '-' && next === '-') {
            const newline = text.indexOf('\n', at);
            at = newline === -1 ? text.length : newline + 1;
            continue;
        }
        else if (char === '/' && next === '*') {
            at = commentEnd(text, at);
            continue;
        }
        else if (char === "'") {
            end = quotedEnd(text, at, "'", false);
        }
        else if ((char === 'e' || char === 'E') && next === "'") {
            end = quotedEnd(text, at + 1, "'", true);
        }
        else if (char === '"') {
            end = quotedEnd(text, at, '"', false);
        }
        else if (char === '$' && DOLLAR_TAG.test(text.slice(at, at + 64))) {
            const tag = DOLLAR_TAG.exec(text.slice(at, at + 64))?.[0] ?? '$$';
            const close = text.indexOf(tag, at + tag.length);
            end = close === -1 ? text.length : close + tag.length;
        }
        else if (WORD_START.test(char)) {
            end = at + 1;
            while (end < text.length && WORD.test(text[end] ?? ''))
                end++;
            out.push(text.slice(at, end).toLowerCase());
            at = end;
            continue;
        }
        else if (OPERATOR.test(char)) {
            end = operatorEnd(text, at);
        }
        else if (/[0-9]/.test(char) || (char === '.' && /[0-9]/.test(next))) {
            end = at + 1;
            while (end < text.length && /[0-9A-Za-z_.]/.test(text[end] ?? '') && !text.startsWith('..', end))
                end++;
        }
        else {
            end = at + 1;
        }
        out.push(text.slice(at, end));
        at = end;
    }
    return out;
}

;// CONCATENATED MODULE: ./src/migrate/analysis/bodies.ts
/**
 * Destructive SQL inside DO blocks and function bodies (issue #9). A plpgsql body is parsed
 * with the real plpgsql parser; each SQL statement in it is analysed like a top-level one,
 * at its line. An EXECUTE of a constant string is analysed as that SQL; an EXECUTE of a
 * built string cannot be, and is reported "not analysable". A `LANGUAGE sql` body is parsed
 * as SQL. A body is hashed by its tokens (tokens.ts), which replace its text in the tree:
 * its whitespace, comments and keyword case do not count. A body with no word that starts a
 * statement a rule looks at is not parsed at all.
 */





const collapse = (text) => text.replace(/\s+/g, ' ').trim();
/** The scope of a body: its text, positioned past the literal's opening quote or `$tag$`. */
function bodyScope(parent, literal, context, counts) {
    const source = parent.text.text;
    const tag = DOLLAR_TAG.exec(source.slice(literal.index, literal.index + 200))?.[0];
    const open = tag ?? (/^[eE]'/.test(source.slice(literal.index, literal.index + 2)) ? "E'" : "'");
    const start = literal.index + open.length;
    return { text: new SourceText(literal.text), position: (index) => parent.position(start + index), context, counts, topLevel: false };
}
/** The string index just past `AS` and any blanks or comments after it. */
function afterKeyword(text, index) {
    let at = index + 2;
    for (;;) {
        const rest = text.slice(at, at + 2);
        if (/^\s/.test(rest))
            at++;
        else if (rest === '--')
            at = text.includes('\n', at) ? text.indexOf('\n', at) + 1 : text.length;
        else if (rest === '/*')
            at = text.includes('*/', at) ? text.indexOf('*/', at) + 2 : text.length;
        else
            return at;
    }
}
function stringArg(arg) {
    if (arg && 'String' in arg)
        return arg.String;
    if (arg && 'List' in arg && arg.List.items?.length === 1)
        return stringArg(arg.List.items[0]);
    return undefined;
}
/** Parses SQL text and analyses its statements in `scope`; a parse error is reported "not analysable". */
function sqlStatements(analyser, text, scope, fallback) {
    try {
        for (const raw of analyser.parser.parse(text).stmts ?? []) {
            if (raw.stmt)
                analyser.statement({ node: raw.stmt, start: raw.stmt_location ?? 0, length: raw.stmt_len ?? 0, base: 0 }, scope);
        }
    }
    catch (error) {
        const at = errorOffset(error);
        analyser.unanalysable(at === undefined ? fallback : scope.position(scope.text.index(at)), `${scope.context ?? 'SQL'}: ${errorMessage(error)}`);
    }
}
/** The string of `SELECT '<constant>'`, else undefined (an expression that builds a string). */
function constantOf(analyser, expression) {
    try {
        const node = analyser.parser.parse(`SELECT ${expression}`).stmts?.[0]?.stmt;
        const targets = node && 'SelectStmt' in node ? (node.SelectStmt.targetList ?? []) : [];
        const value = targets.length === 1 && targets[0] && 'ResTarget' in targets[0] ? targets[0].ResTarget.val : undefined;
        return value && 'A_Const' in value ? value.A_Const.sval?.sval : undefined;
    }
    catch {
        return undefined;
    }
}
/** The PLpgSQL_expr objects of a plpgsql tree, each with the line of its statement and whether it is an EXECUTE's string. */
function plpgsqlExpressions(tree) {
    const found = [];
    const dynamic = new Set();
    const walkTree = (value, lineno) => {
        if (Array.isArray(value))
            return value.forEach((item) => walkTree(item, lineno));
        if (value === null || typeof value !== 'object')
            return;
        const record = value;
        for (const key in record) {
            const child = record[key];
            if (child === null || typeof child !== 'object')
                continue;
            const body = child;
            const line = typeof body.lineno === 'number' ? body.lineno : lineno;
            if (key === 'PLpgSQL_stmt_dynexecute' || key === 'PLpgSQL_stmt_dynfors')
                dynamic.add(body.query?.PLpgSQL_expr);
            else if (key === 'dynquery')
                dynamic.add(body.PLpgSQL_expr);
            else if (key === 'PLpgSQL_expr')
                found.push({ expr: body, lineno: line, dynamic: dynamic.has(body) });
            walkTree(child, line);
        }
    };
    walkTree(tree, 1);
    return found;
}
/**
 * Analyses a plpgsql body: each SQL statement in it at its line, each EXECUTE of a constant
 * string as that SQL; an EXECUTE of a built string is not analysable. `createText` is a
 * CREATE FUNCTION whose body is `scope.text`.
 */
function plpgsqlBody(analyser, createText, scope) {
    let tree;
    const context = scope.context ?? 'plpgsql';
    try {
        tree = analyser.parser.parsePlpgsql(createText);
    }
    catch (error) {
        analyser.unanalysable(scope.position(0), `${context}: ${errorMessage(error)}`);
        return;
    }
    for (const { expr, lineno, dynamic } of plpgsqlExpressions(tree)) {
        const query = expr.query ?? '';
        const lineStart = scope.text.lineIndent(lineno - 1);
        const at = scope.position(lineStart);
        if (dynamic) {
            const constant = constantOf(analyser, query);
            if (constant === undefined)
                analyser.unanalysable(at, `${context}: EXECUTE of a built string (${(0,src_text/* cut */.J)(collapse(query), 80)}) is not analysable`);
            else
                sqlStatements(analyser, constant, { ...scope, text: new SourceText(constant), position: () => at, context: `${context}, EXECUTE` }, at);
        }
        else if (expr.parseMode === 0) {
            const inBody = scope.text.text.indexOf(query, lineStart);
            const position = inBody === -1 ? () => at : (index) => scope.position(inBody + index);
            sqlStatements(analyser, query, { ...scope, text: new SourceText(query), position }, at);
        }
    }
}
/**
 * Words that begin every statement a rule looks at (DELETE, UPDATE, TRUNCATE, DROP, ALTER,
 * GRANT, MERGE, CREATE POLICY / UNIQUE INDEX), or that run other SQL (EXECUTE, DO): a body
 * without any of them cannot give a finding, and is not parsed.
 */
const RULE_WORDS = new Set(['delete', 'update', 'truncate', 'drop', 'alter', 'grant', 'merge', 'create', 'execute', 'do']);
/** A dollar tag that does not occur in `text`. */
function dollarTag(text) {
    let tag = '$release_gates$';
    for (let n = 1; text.includes(tag); n++)
        tag = `$release_gates_${n}$`;
    return tag;
}
/**
 * Analyses the body of a DO block or CREATE FUNCTION/PROCEDURE node and puts its normal form
 * in place of its text (the tree is consumed for the hash). Other nodes are left alone.
 */
function analyseBody(analyser, type, body, input, scope) {
    const locate = (location) => scope.text.index(input.base + (location ?? 0));
    if (type === 'DoStmt') {
        const args = body.args ?? [];
        const option = (name) => args.flatMap((arg) => ('DefElem' in arg && arg.DefElem.defname === name ? [arg.DefElem] : []))[0];
        const as = option('as');
        const literal = stringArg(as?.arg);
        const language = stringArg(option('language')?.arg)?.sval ?? 'plpgsql';
        if (!as || !literal || language !== 'plpgsql')
            return;
        const text = literal.sval ?? '';
        const counts = scope.counts === 'none' ? 'none' : 'names';
        const inner = bodyScope(scope, { text, index: locate(as.location) }, 'DO block', counts);
        const words = tokens(text);
        literal.sval = `tokens: ${words.join(' ')}`;
        if (!words.some((word) => RULE_WORDS.has(word)))
            return;
        const tag = dollarTag(text);
        plpgsqlBody(analyser, `CREATE FUNCTION pg_temp.do_block() RETURNS void LANGUAGE plpgsql AS ${tag}${text}${tag}`, inner);
        return;
    }
    if (type !== 'CreateFunctionStmt')
        return;
    const fn = body;
    const params = (fn.parameters ?? []).flatMap((p) => 'FunctionParameter' in p
        ? [
            names(p.FunctionParameter.argType?.names)
                .filter((n) => n !== 'pg_catalog')
                .join('.'),
        ]
        : []);
    const context = `${fn.is_procedure ? 'procedure' : 'function'} ${names(fn.funcname).join('.')}(${params.join(', ')})`;
    if (fn.sql_body) {
        walkSqlBody(fn.sql_body, (node) => analyser.statement({ ...input, node }, { ...scope, context, counts: 'none', topLevel: false }));
        return;
    }
    const options = fn.options ?? [];
    const option = (name) => options.flatMap((o) => ('DefElem' in o && o.DefElem.defname === name ? [o.DefElem] : []))[0];
    const as = option('as');
    const literal = stringArg(as?.arg);
    const language = stringArg(option('language')?.arg)?.sval?.toLowerCase();
    if (!as || !literal || (language !== 'plpgsql' && language !== 'sql'))
        return;
    const text = literal.sval ?? '';
    const inner = bodyScope(scope, { text, index: afterKeyword(scope.text.text, locate(as.location)) }, context, 'none');
    const words = tokens(text);
    literal.sval = `tokens: ${words.join(' ')}`;
    if (!words.some((word) => RULE_WORDS.has(word)))
        return;
    if (language === 'sql')
        sqlStatements(analyser, text, inner, inner.position(0));
    else
        plpgsqlBody(analyser, scope.text.slice(input.start, input.length ? input.start + input.length : undefined), inner);
}
/** The statements of a SQL-standard body (`BEGIN ATOMIC … END`, `RETURN …`). */
function walkSqlBody(node, visit) {
    if ('List' in node)
        for (const item of node.List.items ?? [])
            walkSqlBody(item, visit);
    else
        visit(node);
}

;// CONCATENATED MODULE: ./src/migrate/analysis/count-sql.ts


/** `SELECT count(*) FROM t`: every row of the table. */
function countAll(relation) {
    return `SELECT count(*) FROM ${quoteRelation(relation)}`;
}
/** The rows where `column` is (or is not) NULL. */
function countColumn(relation, column, is) {
    return `${countAll(relation)} WHERE ${quoteIdent(column)} IS ${is}`;
}
/** The rows whose key is shared with another row (and, for a primary key, those with a NULL in it). */
function countDuplicates(relation, columns, primaryKey) {
    const key = columns.map(quoteIdent).join(', ');
    const nulls = columns.map((column) => `${quoteIdent(column)} IS NULL`).join(' OR ');
    const keyed = primaryKey ? '' : ` WHERE ${columns.map((column) => `${quoteIdent(column)} IS NOT NULL`).join(' AND ')}`;
    const inner = `SELECT count(*) OVER (PARTITION BY ${key}) AS n${primaryKey ? `, (${nulls}) AS has_null` : ''} FROM ${quoteRelation(relation)}${keyed}`;
    return `SELECT count(*) FROM (${inner}) AS keyed WHERE n > 1${primaryKey ? ' OR has_null' : ''}`;
}
/** Byte spans of the top-level keywords of a DELETE or UPDATE (outside parentheses). */
function clauseKeywords(parser, text, verb) {
    const wanted = verb === 'delete' ? ['using', 'where', 'returning'] : ['set', 'from', 'where', 'returning'];
    const found = new Map();
    let depth = 0;
    let previous = '';
    for (const token of parser.scan(text)) {
        const word = token.text.toLowerCase();
        if (word === '(' || word === '[')
            depth++;
        else if (word === ')' || word === ']')
            depth--;
        else if (depth === 0 && token.keywordKind !== 0) {
            if (!found.has(verb)) {
                if (word === verb)
                    found.set(verb, token);
            }
            else if (wanted.includes(word) && !found.has(word) && !(word === 'from' && (previous === 'distinct' || !found.has('set')))) {
                found.set(word, token);
            }
        }
        if (token.tokenName !== 'SQL_COMMENT' && token.tokenName !== 'C_COMMENT')
            previous = word;
    }
    return found.has(verb) ? found : undefined;
}
/** A slice of text that may end in a `--` comment, made safe to follow with more SQL. */
function clause(text) {
    const trimmed = text.trim();
    return trimmed.includes('--') ? `${trimmed}\n` : trimmed;
}
/**
 * `SELECT count(*)` of the rows a DELETE … WHERE removes or an UPDATE … WHERE rewrites, or
 * undefined when the statement's clauses cannot be cut out and verified.
 */
function countMatching(parser, statementText, verb, statement) {
    const { relation, whereClause } = statement;
    if (!relation || !whereClause || 'CurrentOfExpr' in whereClause || writesInWith(statement.withClause))
        return undefined;
    const keywords = clauseKeywords(parser, statementText, verb);
    const where = keywords?.get('where');
    if (!keywords || !where)
        return undefined;
    const source = new SourceText(statementText);
    const end = keywords.get('returning')?.start;
    const listKeyword = keywords.get(verb === 'delete' ? 'using' : 'from');
    const withText = statement.withClause ? clause(source.slice(0, keywords.get(verb)?.start ?? 0)) : '';
    const condition = clause(source.slice(where.end, end));
    const alias = relation.alias?.aliasname ? ` AS ${quoteIdent(relation.alias.aliasname)}` : '';
    const target = `${quoteRelation(relation)}${alias}`;
    const from = listKeyword ? clause(source.slice(listKeyword.end, where.start)) : undefined;
    const count = from
        ? `${withText ? `${withText} ` : ''}SELECT count(*) FROM ${target} WHERE EXISTS (SELECT FROM ${from} WHERE ${condition})`
        : `${withText ? `${withText} ` : ''}SELECT count(*) FROM ${target} WHERE ${condition}`;
    return verified(parser, count, statement) ? count : undefined;
}
/** True when a WITH clause has a data-modifying CTE (`WITH d AS (DELETE …)`): its count could not run read-only. */
function writesInWith(withClause) {
    return (withClause?.ctes ?? []).some((cte) => {
        const query = 'CommonTableExpr' in cte ? cte.CommonTableExpr.ctequery : undefined;
        return query !== undefined && !('SelectStmt' in query);
    });
}
/** True when the count parses to one SELECT whose clauses are the statement's own trees. */
function verified(parser, count, statement) {
    let stmts;
    try {
        stmts = parser.parse(count).stmts ?? [];
    }
    catch {
        return false;
    }
    const node = stmts.length === 1 ? stmts[0]?.stmt : undefined;
    if (!node || !('SelectStmt' in node))
        return false;
    const outer = node.SelectStmt;
    let inner = outer;
    if (statement.from?.length) {
        const link = outer.whereClause && 'SubLink' in outer.whereClause ? outer.whereClause.SubLink : undefined;
        const sub = link?.subLinkType === 'EXISTS_SUBLINK' ? link.subselect : undefined;
        if (!sub || !('SelectStmt' in sub) || !sameTree(sub.SelectStmt.fromClause, statement.from))
            return false;
        inner = sub.SelectStmt;
    }
    return sameTree(inner.whereClause, statement.whereClause) && sameTree(outer.withClause, statement.withClause);
}

;// CONCATENATED MODULE: ./src/migrate/analysis/rules/alters.ts
/**
 * Rules for changes to existing tables that keep their rows but rewrite values, break
 * clients, or may fail on the data already there: type changes, renames, NOT NULL either
 * way, and new unique, check and foreign-key constraints (squawk's `changing-column-type`,
 * `renaming-table`, `adding-not-nullable-field`, … in spirit).
 */


function count(context, build) {
    const countSql = context.counts === 'none' ? undefined : build();
    return countSql === undefined ? {} : { countSql };
}
/** A type name as written: `varchar(20)`, `pg_catalog.int4` → `int4`. */
function typeText(typeName) {
    const name = names(typeName?.names)
        .filter((part) => part !== 'pg_catalog')
        .join('.');
    const mods = (typeName?.typmods ?? []).flatMap((mod) => 'A_Const' in mod && mod.A_Const.ival ? [String(mod.A_Const.ival.ival ?? 0)] : []);
    return mods.length ? `${name}(${mods.join(', ')})` : name;
}
function constraintRule(relation, table, def, context) {
    if (!def || !('Constraint' in def))
        return;
    const constraint = def.Constraint;
    const name = constraint.conname ? `${constraint.conname} ` : '';
    const keys = names(constraint.keys);
    switch (constraint.contype) {
        case 'CONSTR_UNIQUE':
        case 'CONSTR_PRIMARY': {
            if (constraint.indexname)
                return; // USING INDEX: the index already holds the rows unique
            const kind = constraint.contype === 'CONSTR_PRIMARY' ? 'PRIMARY KEY' : 'UNIQUE';
            context.report({
                code: 'add-unique-constraint',
                message: `ADD ${kind} ${name}(${keys.join(', ')}) on ${table} fails if existing rows have duplicate${kind === 'PRIMARY KEY' ? ' or NULL' : ''} keys`,
                table,
                ...count(context, () => (keys.length ? countDuplicates(relation, keys, kind === 'PRIMARY KEY') : undefined)),
            });
            return;
        }
        case 'CONSTR_CHECK':
            if (!constraint.skip_validation) {
                context.report({
                    code: 'add-check-constraint',
                    message: `ADD CHECK ${name}on ${table} fails if an existing row breaks it (NOT VALID would skip them)`,
                    table,
                });
            }
            return;
        case 'CONSTR_FOREIGN':
            if (!constraint.skip_validation) {
                const parent = relationName(constraint.pktable);
                context.report({
                    code: 'add-foreign-key',
                    message: `ADD FOREIGN KEY ${name}on ${table} fails if an existing row has no parent in ${parent} (NOT VALID would skip them)`,
                    table,
                });
            }
            return;
        default:
            return;
    }
}
function addColumnRule(relation, table, def, context) {
    if (!def || !('ColumnDef' in def))
        return;
    const column = def.ColumnDef;
    const types = new Set((column.constraints ?? []).flatMap((c) => ('Constraint' in c ? [c.Constraint.contype] : [])));
    const filled = types.has('CONSTR_DEFAULT') || types.has('CONSTR_GENERATED') || types.has('CONSTR_IDENTITY') || column.raw_default !== undefined;
    if ((types.has('CONSTR_NOTNULL') || types.has('CONSTR_PRIMARY')) && !filled) {
        context.report({
            code: 'add-column-not-null',
            message: `ADD COLUMN ${column.colname ?? ''} NOT NULL without a DEFAULT fails if ${table} has rows`,
            table,
            ...count(context, () => countAll(relation)),
        });
    }
}
const alterRules = {
    AlterTableStmt: (node, context) => {
        const relation = node.relation;
        if (!relation || node.objtype !== 'OBJECT_TABLE')
            return;
        const table = relationName(relation);
        for (const item of node.cmds ?? []) {
            if (!('AlterTableCmd' in item))
                continue;
            const { subtype, name = '', def } = item.AlterTableCmd;
            if (subtype === 'AT_AlterColumnType') {
                const type = def && 'ColumnDef' in def ? typeText(def.ColumnDef.typeName) : '?';
                context.report({
                    code: 'alter-column-type',
                    message: `ALTER COLUMN ${name} TYPE ${type} rewrites every value of ${table}.${name} (they may be cut, rounded or fail to cast)`,
                    table,
                    ...count(context, () => countColumn(relation, name, 'NOT NULL')),
                });
            }
            else if (subtype === 'AT_DropNotNull') {
                context.report({
                    code: 'drop-not-null',
                    message: `DROP NOT NULL on ${table}.${name}: readers that rely on a value may get NULL`,
                    table,
                });
            }
            else if (subtype === 'AT_SetNotNull') {
                context.report({
                    code: 'set-not-null',
                    message: `SET NOT NULL on ${table}.${name} fails if a row has NULL there`,
                    table,
                    ...count(context, () => countColumn(relation, name, 'NULL')),
                });
            }
            else if (subtype === 'AT_AddConstraint') {
                constraintRule(relation, table, def, context);
            }
            else if (subtype === 'AT_AddColumn') {
                addColumnRule(relation, table, def, context);
            }
        }
    },
    RenameStmt: (node, context) => {
        const table = relationName(node.relation);
        if (node.renameType === 'OBJECT_TABLE') {
            context.report({
                code: 'rename-table',
                message: `RENAME ${table} TO ${node.newname ?? ''}: clients that use the old name break`,
                table,
            });
        }
        else if (node.renameType === 'OBJECT_COLUMN' && node.relationType === 'OBJECT_TABLE') {
            context.report({
                code: 'rename-column',
                message: `RENAME COLUMN ${table}.${node.subname ?? ''} TO ${node.newname ?? ''}: clients that use the old name break`,
                table,
            });
        }
    },
    IndexStmt: (node, context) => {
        if (!node.unique || !node.relation)
            return;
        const relation = node.relation;
        const table = relationName(relation);
        const columns = (node.indexParams ?? []).flatMap((p) => ('IndexElem' in p && p.IndexElem.name ? [p.IndexElem.name] : []));
        const plain = columns.length === (node.indexParams ?? []).length && !node.whereClause;
        context.report({
            code: 'add-unique-index',
            message: `CREATE UNIQUE INDEX ${node.idxname ?? ''} on ${table} fails if existing rows have duplicate keys`,
            table,
            ...count(context, () => (plain ? countDuplicates(relation, columns, false) : undefined)),
        });
    },
};

;// CONCATENATED MODULE: ./src/migrate/analysis/rules/drops.ts
/**
 * Rules for DROPs that remove data or a guarantee: databases, schemas, tables, columns, what
 * a role owns, indexes and constraints. Runbook 004 calls a migration "additive only (no DROP
 * statements)"; a drop there needs an acknowledgement. Views, functions, types and the like
 * hold no rows and are not flagged. (DROP POLICY is a security rule: rules/security.ts.)
 */


/** A RangeVar from a DROP's name list (`['public', 'candidates']`). */
function rangeVar(parts) {
    const relname = parts.at(-1);
    const schemaname = parts.at(-2);
    return { ...(schemaname ? { schemaname } : {}), ...(relname ? { relname } : {}), inh: true };
}
function drops_count(context, build) {
    return context.counts === 'none' ? {} : { countSql: build() };
}
const dropRules = {
    DropStmt: (node, context) => {
        const cascade = node.behavior === 'DROP_CASCADE' ? ' (CASCADE: and every object that depends on it)' : '';
        for (const parts of objectNames(node.objects)) {
            const name = parts.join('.');
            switch (node.removeType) {
                case 'OBJECT_TABLE': {
                    const relation = rangeVar(parts);
                    const table = relationName(relation);
                    context.report({
                        code: 'drop-table',
                        message: `DROP TABLE removes ${table} and every row in it${cascade}`,
                        table,
                        ...drops_count(context, () => countAll(relation)),
                    });
                    break;
                }
                case 'OBJECT_SCHEMA':
                    context.report({
                        code: 'drop-schema',
                        message: `DROP SCHEMA removes schema ${name}${cascade ? ' and every table, view and function in it (CASCADE)' : ''}`,
                    });
                    break;
                case 'OBJECT_INDEX':
                    context.report({ code: 'drop-index', message: `DROP INDEX removes index ${name}${cascade}` });
                    break;
                default:
                    break;
            }
        }
    },
    DropdbStmt: (node, context) => {
        context.report({ code: 'drop-database', message: `DROP DATABASE removes database ${node.dbname ?? ''} and everything in it` });
    },
    DropOwnedStmt: (node, context) => {
        const roles = (node.roles ?? []).flatMap((role) => ('RoleSpec' in role ? [role.RoleSpec.rolename ?? 'the current role'] : []));
        context.report({ code: 'drop-owned', message: `DROP OWNED BY ${roles.join(', ')} removes every object they own` });
    },
    AlterTableStmt: (node, context) => {
        const relation = node.relation;
        if (!relation || node.objtype !== 'OBJECT_TABLE')
            return;
        const table = relationName(relation);
        for (const item of node.cmds ?? []) {
            if (!('AlterTableCmd' in item))
                continue;
            const { subtype, name } = item.AlterTableCmd;
            if (subtype === 'AT_DropColumn' && name) {
                context.report({
                    code: 'drop-column',
                    message: `DROP COLUMN removes ${table}.${name} and its values`,
                    table,
                    ...drops_count(context, () => countColumn(relation, name, 'NOT NULL')),
                });
            }
            else if (subtype === 'AT_DropConstraint' && name) {
                context.report({
                    code: 'drop-constraint',
                    message: `DROP CONSTRAINT removes ${name} from ${table}: what it guaranteed no longer holds`,
                    table,
                });
            }
        }
    },
};

;// CONCATENATED MODULE: ./src/migrate/analysis/rules/tautology.ts

const TRUE_WORDS = new Set(['t', 'true', 'y', 'yes', 'on', '1']);
function isBoolType(names) {
    const last = names?.at(-1);
    return last !== undefined && 'String' in last && (last.String.sval === 'bool' || last.String.sval === 'boolean');
}
function constant(node, truth) {
    if (!node)
        return false;
    if ('A_Const' in node)
        return node.A_Const.boolval !== undefined && Boolean(node.A_Const.boolval.boolval) === truth;
    if ('TypeCast' in node && isBoolType(node.TypeCast.typeName?.names)) {
        const arg = node.TypeCast.arg;
        if (arg && 'A_Const' in arg && arg.A_Const.sval?.sval !== undefined) {
            return TRUE_WORDS.has(arg.A_Const.sval.sval.toLowerCase()) === truth;
        }
        return constant(arg, truth);
    }
    return false;
}
/** True when `node` is a condition that holds for every row. */
function alwaysTrue(node) {
    if (!node)
        return false;
    if (constant(node, true))
        return true;
    if ('A_Expr' in node) {
        const { kind, name, lexpr, rexpr } = node.A_Expr;
        const operator = name?.at(-1);
        return (kind === 'AEXPR_OP' &&
            operator !== undefined &&
            'String' in operator &&
            operator.String.sval === '=' &&
            lexpr !== undefined &&
            'A_Const' in lexpr &&
            lexpr.A_Const.isnull !== true &&
            sameTree(lexpr, rexpr));
    }
    if ('BoolExpr' in node) {
        const args = node.BoolExpr.args ?? [];
        if (node.BoolExpr.boolop === 'OR_EXPR')
            return args.some(alwaysTrue);
        if (node.BoolExpr.boolop === 'AND_EXPR')
            return args.length > 0 && args.every(alwaysTrue);
        if (node.BoolExpr.boolop === 'NOT_EXPR')
            return constant(args[0], false);
    }
    return false;
}

;// CONCATENATED MODULE: ./src/migrate/analysis/rules/security.ts


/** The grantees a grant widens access to: PUBLIC and `anon`. */
function openGrantees(grantees) {
    const open = new Set();
    for (const grantee of grantees ?? []) {
        if (!('RoleSpec' in grantee))
            continue;
        if (grantee.RoleSpec.roletype === 'ROLESPEC_PUBLIC')
            open.add('PUBLIC');
        else if (grantee.RoleSpec.rolename === 'anon')
            open.add('anon');
    }
    return [...open];
}
function reportGrant(context, grantees, what) {
    for (const grantee of openGrantees(grantees)) {
        context.report({
            code: grantee === 'PUBLIC' ? 'grant-to-public' : 'grant-to-anon',
            message: `${what} TO ${grantee}${grantee === 'PUBLIC' ? ': every role, present and future' : ': anyone without a login'}`,
        });
    }
}
/** `GRANT select, insert ON public.t` / `GRANT ALL ON ALL TABLES IN SCHEMA public`. */
function grantText(node) {
    const privileges = (node.privileges ?? []).flatMap((p) => ('AccessPriv' in p ? [p.AccessPriv.priv_name ?? 'ALL'] : []));
    const kind = (node.objtype ?? 'OBJECT').replace('OBJECT_', '').toLowerCase();
    const objects = (node.objects ?? []).map((object) => 'RangeVar' in object ? relationName(object.RangeVar) : (objectNames([object])[0]?.join('.') ?? ''));
    const target = node.targtype === 'ACL_TARGET_ALL_IN_SCHEMA'
        ? `ALL ${kind.toUpperCase()}S IN SCHEMA ${objects.join(', ')}`
        : node.targtype === 'ACL_TARGET_DEFAULTS'
            ? `${kind.toUpperCase()}S`
            : `${kind} ${objects.join(', ')}`;
    return `GRANT ${privileges.length ? privileges.join(', ') : 'ALL'} ON ${target}`;
}
function policyRule(node, verb, context) {
    // A restrictive policy that passes every row restricts nothing. (The tree leaves out a false
    // `permissive`; ALTER POLICY cannot change it, so an altered policy counts as permissive.)
    if (verb === 'CREATE' && node.permissive !== true)
        return;
    const table = relationName(node.table);
    for (const [clause, expr] of [
        ['USING', node.qual],
        ['WITH CHECK', node.with_check],
    ]) {
        if (!alwaysTrue(expr))
            continue;
        context.report({
            code: 'permissive-policy',
            message: `${verb} POLICY ${node.policy_name ?? ''} on ${table} with ${clause} (true) lets every row through`,
            table,
        });
    }
}
const securityRules = {
    DropStmt: (node, context) => {
        if (node.removeType !== 'OBJECT_POLICY')
            return;
        for (const parts of objectNames(node.objects)) {
            const policy = parts.at(-1) ?? '';
            const table = parts.slice(0, -1).join('.');
            context.report({ code: 'drop-policy', message: `DROP POLICY removes row-level security policy ${policy} from ${table}`, table });
        }
    },
    AlterTableStmt: (node, context) => {
        const table = relationName(node.relation);
        for (const item of node.cmds ?? []) {
            if (!('AlterTableCmd' in item))
                continue;
            if (item.AlterTableCmd.subtype === 'AT_DisableRowSecurity') {
                context.report({ code: 'disable-rls', message: `DISABLE ROW LEVEL SECURITY on ${table}: its policies stop applying`, table });
            }
            else if (item.AlterTableCmd.subtype === 'AT_NoForceRowSecurity') {
                context.report({
                    code: 'no-force-rls',
                    message: `NO FORCE ROW LEVEL SECURITY on ${table}: its owner bypasses the policies again`,
                    table,
                });
            }
        }
    },
    CreatePolicyStmt: (node, context) => policyRule(node, 'CREATE', context),
    AlterPolicyStmt: (node, context) => policyRule(node, 'ALTER', context),
    GrantStmt: (node, context) => {
        if (node.is_grant)
            reportGrant(context, node.grantees, grantText(node));
    },
    AlterDefaultPrivilegesStmt: (node, context) => {
        const action = node.action;
        if (action?.is_grant)
            reportGrant(context, action.grantees, `ALTER DEFAULT PRIVILEGES … ${grantText(action)}`);
    },
    GrantRoleStmt: (node, context) => {
        if (!node.is_grant)
            return;
        const roles = (node.granted_roles ?? []).flatMap((role) => ('AccessPriv' in role ? [role.AccessPriv.priv_name ?? ''] : []));
        reportGrant(context, node.grantee_roles, `GRANT role ${roles.join(', ')}`);
    },
};

;// CONCATENATED MODULE: ./src/migrate/analysis/rules/writes.ts
/**
 * Rules for statements that remove or rewrite rows: DELETE, UPDATE, TRUNCATE, MERGE … DELETE.
 * Runbook 000's reset (`015_role_first_applications_pause_reset`, which "deletes
 * assessments, candidate_applications, candidates") is what these catch.
 */



/** A count the context allows: built from names, so anywhere but in a function body. */
function namesCount(context, build) {
    return context.counts === 'none' ? undefined : build();
}
function withCount(finding, countSql) {
    return countSql === undefined ? finding : { ...finding, countSql };
}
function writeRule(verb, node, from, context) {
    const relation = node.relation;
    if (!relation)
        return;
    const table = relationName(relation);
    const joined = from?.length ? ` (joined with ${verb === 'delete' ? 'USING' : 'FROM'})` : '';
    if (!node.whereClause || alwaysTrue(node.whereClause)) {
        const how = node.whereClause ? 'with an always-true WHERE' : 'without WHERE';
        const what = verb === 'delete' ? 'removes every row of' : 'rewrites every row of';
        const finding = { code: `${verb}-without-where`, message: `${verb.toUpperCase()} ${how} ${what} ${table}${joined}`, table };
        context.report(withCount(finding, namesCount(context, () => countAll(relation))));
        return;
    }
    if (verb === 'update')
        return;
    const countable = context.counts === 'any' && context.isStatement(node);
    const countSql = countable ? countMatching(context.parser, context.statementText, verb, { ...node, from }) : undefined;
    context.report(withCount({ code: 'delete-rows', message: `DELETE removes the rows of ${table} that its WHERE matches${joined}`, table }, countSql));
}
const writeRules = {
    DeleteStmt: (node, context) => writeRule('delete', node, node.usingClause, context),
    UpdateStmt: (node, context) => writeRule('update', node, node.fromClause, context),
    TruncateStmt: (node, context) => {
        const cascade = node.behavior === 'DROP_CASCADE' ? ', and of every table that references it (CASCADE)' : '';
        for (const item of node.relations ?? []) {
            if (!('RangeVar' in item))
                continue;
            const relation = item.RangeVar;
            const table = relationName(relation);
            const finding = { code: 'truncate', message: `TRUNCATE removes every row of ${table}${cascade}`, table };
            context.report(withCount(finding, namesCount(context, () => countAll(relation))));
        }
    },
    MergeStmt: (node, context) => {
        const deletes = (node.mergeWhenClauses ?? []).some((item) => 'MergeWhenClause' in item && item.MergeWhenClause.commandType === 'CMD_DELETE');
        if (!deletes || !node.relation)
            return;
        const table = relationName(node.relation);
        context.report({ code: 'merge-delete', message: `MERGE … THEN DELETE removes the rows of ${table} that match its source`, table });
    },
};

;// CONCATENATED MODULE: ./src/migrate/analysis/rules/table.ts
const RULES = {
    // drops (rules/drops.ts)
    'drop-database': { severity: 'data-loss', flags: 'DROP DATABASE' },
    'drop-schema': { severity: 'data-loss', flags: 'DROP SCHEMA (with CASCADE, every object in it)' },
    'drop-table': { severity: 'data-loss', flags: 'DROP TABLE: the table and its rows' },
    'drop-column': { severity: 'data-loss', flags: 'ALTER TABLE … DROP COLUMN: the column and its values' },
    'drop-owned': { severity: 'data-loss', flags: 'DROP OWNED BY: every object the roles own' },
    'drop-index': { severity: 'breaking', flags: 'DROP INDEX: plans that use it slow down; a unique index stops guarding' },
    'drop-constraint': { severity: 'breaking', flags: 'ALTER TABLE … DROP CONSTRAINT: a guarantee stops holding' },
    // writes (rules/writes.ts)
    truncate: { severity: 'data-loss', flags: 'TRUNCATE: every row' },
    'delete-without-where': { severity: 'data-loss', flags: 'DELETE without WHERE, or with an always-true WHERE (`WHERE true`, `1 = 1`)' },
    'delete-rows': { severity: 'data-loss', flags: 'DELETE … WHERE: the rows its WHERE matches' },
    'update-without-where': { severity: 'data-loss', flags: 'UPDATE without WHERE (or always true): every row rewritten' },
    'merge-delete': { severity: 'data-loss', flags: 'MERGE … WHEN MATCHED THEN DELETE' },
    // alters (rules/alters.ts)
    'alter-column-type': { severity: 'data-loss', flags: 'ALTER COLUMN … TYPE: values are cast (and may be cut or rounded)' },
    'rename-table': { severity: 'breaking', flags: 'ALTER TABLE … RENAME TO: clients using the old name break' },
    'rename-column': { severity: 'breaking', flags: 'ALTER TABLE … RENAME COLUMN: clients using the old name break' },
    'drop-not-null': { severity: 'breaking', flags: 'ALTER COLUMN … DROP NOT NULL: readers that rely on a value get NULLs' },
    'set-not-null': { severity: 'may-fail', flags: 'ALTER COLUMN … SET NOT NULL: fails when a row has NULL' },
    'add-column-not-null': { severity: 'may-fail', flags: 'ADD COLUMN … NOT NULL without a DEFAULT: fails when the table has rows' },
    'add-unique-constraint': { severity: 'may-fail', flags: 'ADD UNIQUE or PRIMARY KEY on an existing table: fails on duplicates' },
    'add-unique-index': { severity: 'may-fail', flags: 'CREATE UNIQUE INDEX on an existing table: fails on duplicates' },
    'add-check-constraint': { severity: 'may-fail', flags: 'ADD CHECK without NOT VALID: fails when a row breaks it' },
    'add-foreign-key': { severity: 'may-fail', flags: 'ADD FOREIGN KEY without NOT VALID: fails when a row has no parent' },
    // security (rules/security.ts)
    'drop-policy': { severity: 'security', flags: 'DROP POLICY: a row-level security policy removed' },
    'disable-rls': { severity: 'security', flags: 'ALTER TABLE … DISABLE ROW LEVEL SECURITY' },
    'no-force-rls': { severity: 'security', flags: 'ALTER TABLE … NO FORCE ROW LEVEL SECURITY: the owner bypasses the policies again' },
    'permissive-policy': { severity: 'security', flags: 'CREATE/ALTER POLICY with USING (true) or WITH CHECK (true): every row' },
    'grant-to-public': { severity: 'security', flags: 'GRANT … TO PUBLIC (also default privileges and role grants)' },
    'grant-to-anon': { severity: 'security', flags: 'GRANT … TO anon (Supabase’s unauthenticated role)' },
};
/** Data loss, security weakening and breaking changes need an acknowledgement; a change that may fail does not. */
function needsAck(severity) {
    return severity !== 'may-fail';
}

;// CONCATENATED MODULE: ./src/migrate/analysis/rules/index.ts




const FAMILIES = [dropRules, writeRules, alterRules, securityRules];
/** Handlers by node type, in family order. */
const HANDLERS = (() => {
    const byType = new Map();
    for (const family of FAMILIES) {
        for (const [type, handler] of Object.entries(family)) {
            byType.set(type, [...(byType.get(type) ?? []), handler]);
        }
    }
    return byType;
})();


;// CONCATENATED MODULE: ./src/migrate/analysis/statements.ts
/**
 * The top-level statements of a SQL text. The whole text is parsed at once; when it does not
 * parse, it is split at the scanner's top-level semicolons and each piece is parsed alone, so
 * one bad statement (a psql `\set`, a typo) is reported "not analysable" and the others are
 * still analysed.
 */

function parsedStatements(parser, source, start, end) {
    const text = start === 0 && end === source.byteLength ? source.text : source.slice(start, end);
    return (parser.parse(text).stmts ?? []).flatMap((raw) => {
        if (!raw.stmt)
            return [];
        const at = start + (raw.stmt_location ?? 0);
        // The last statement's length is 0: "to the end of the parsed text".
        return [{ parsed: true, node: raw.stmt, start: at, length: raw.stmt_len || end - at, base: start }];
    });
}
const isComment = (token) => token.tokenName === 'SQL_COMMENT' || token.tokenName === 'C_COMMENT';
/** The statements of `source`, in order. */
function topStatements(parser, source) {
    if (source.text.trim() === '')
        return [];
    try {
        return parsedStatements(parser, source, 0, source.byteLength);
    }
    catch (error) {
        let tokens;
        try {
            tokens = parser.scan(source.text);
        }
        catch {
            const normal = source.text.replace(/\s+/g, ' ').trim();
            return [{ parsed: false, start: 0, length: source.byteLength, at: errorOffset(error) ?? 0, reason: errorMessage(error), normal }];
        }
        const pieces = [[]];
        for (const token of tokens) {
            if (token.text === ';')
                pieces.push([]);
            else if (!isComment(token))
                pieces.at(-1)?.push(token);
        }
        return pieces.flatMap((piece) => {
            const first = piece[0];
            const last = piece.at(-1);
            if (!first || !last)
                return [];
            try {
                return parsedStatements(parser, source, first.start, last.end);
            }
            catch (pieceError) {
                const at = first.start + (errorOffset(pieceError) ?? 0);
                const normal = piece.map((token) => token.text).join(' ');
                return [
                    { parsed: false, start: first.start, length: last.end - first.start, at, reason: errorMessage(pieceError), normal },
                ];
            }
        });
    }
}

;// CONCATENATED MODULE: ./src/migrate/analysis/analyse.ts
/**
 * The analysis of one SQL text: its top-level statements, each walked node by node through
 * the rule handlers (bodies of DO blocks and functions too), findings placed at their
 * statement's line and column, and the normalised content hash.
 */








/** How much of a statement a finding shows. */
const STATEMENT_CHARS = 300;
const sha256 = (text) => `sha256:${(0,external_node_crypto_.createHash)('sha256').update(text).digest('hex')}`;
/** The table a top-level statement creates (and that did not exist before it, so no IF NOT EXISTS). */
function createdTable(type, body) {
    if (type === 'CreateStmt') {
        const create = body;
        return create.if_not_exists ? undefined : relationName(create.relation);
    }
    if (type === 'CreateTableAsStmt') {
        const create = body;
        return create.if_not_exists ? undefined : relationName(create.into?.rel);
    }
    return undefined;
}
class Analysis {
    parser;
    findings = [];
    notAnalysable = [];
    /** Tables created earlier in this text: dropping or emptying them loses nothing that existed before. */
    created = new Set();
    constructor(parser) {
        this.parser = parser;
    }
    unanalysable(position, reason) {
        this.notAnalysable.push({ ...position, reason });
    }
    statement(input, scope) {
        const [rootType, root] = unwrap(input.node) ?? ['', {}];
        const end = input.length ? input.start + input.length : undefined;
        const statementText = scope.text.slice(input.start, end).trim();
        const raw = [];
        const context = {
            report: (finding) => raw.push(finding),
            isStatement: (node) => node === root,
            counts: scope.counts,
            statementText,
            parser: this.parser,
        };
        walk(input.node, (type, body) => {
            for (const handler of HANDLERS.get(type) ?? [])
                handler(body, context);
            if (type !== 'DoStmt' && type !== 'CreateFunctionStmt')
                return true;
            analyseBody(this, type, body, input, scope);
            return false;
        });
        const position = scope.position(scope.text.index(input.start));
        for (const finding of raw) {
            if (scope.topLevel && finding.table !== undefined && this.created.has(finding.table))
                continue;
            const { severity } = RULES[finding.code];
            this.findings.push({
                code: finding.code,
                severity,
                needsAck: needsAck(severity),
                message: finding.message,
                statement: (0,src_text/* cut */.J)(statementText, STATEMENT_CHARS),
                ...position,
                ...(finding.table !== undefined ? { table: finding.table } : {}),
                ...(finding.countSql !== undefined ? { countSql: finding.countSql } : {}),
                ...(scope.context !== undefined ? { context: scope.context } : {}),
            });
        }
        const created = scope.topLevel ? createdTable(rootType, root) : undefined;
        if (created)
            this.created.add(created);
        // The walk cleared the locations and put the bodies' normal forms in place.
        return JSON.stringify(input.node);
    }
}
/**
 * Analyses SQL (one migration's text) for changes that lose data, weaken security, break
 * clients or may fail on existing data, with the real PostgreSQL parser (loaded on the first
 * call). Never throws on bad SQL: what does not parse is listed in `unanalysable`.
 */
async function analyseSql(sql, options = {}) {
    const parser = await loadParser();
    const source = new SourceText(sql.replaceAll('\r\n', '\n'));
    const firstLine = options.startLine ?? 1;
    const top = {
        text: source,
        position: (index) => {
            const { line, column } = source.lineColumn(index);
            return { line: line + firstLine, column: column + 1 };
        },
        counts: 'any',
        topLevel: true,
    };
    const analysis = new Analysis(parser);
    const parts = [];
    for (const item of topStatements(parser, source)) {
        const end = item.length ? item.start + item.length : undefined;
        const text = source.slice(item.start, end).trim();
        const { line } = top.position(source.index(item.start));
        if (item.parsed) {
            parts.push({ hash: sha256(analysis.statement(item, top)), text, line });
        }
        else {
            analysis.unanalysable(top.position(source.index(item.at)), item.reason);
            parts.push({ hash: sha256(`not parsed\n${item.normal}`), text, line });
        }
    }
    return {
        statements: parts.length,
        findings: analysis.findings,
        unanalysable: analysis.notAnalysable,
        hash: sha256(parts.map((part) => part.hash).join('\n')),
        parts,
    };
}

;// CONCATENATED MODULE: ./src/migrate/analysis/index.ts
/**
 * Destructive-change analysis of SQL migrations (issue #9): what a migration does that loses
 * data, weakens security, breaks clients or may fail on existing data, found with the real
 * PostgreSQL parser (libpg-query, loaded on the first call), with read-only row counts to
 * run against the target and a content hash that survives reformatting. Finding codes:
 * `docs/sql-findings.md`.
 */




/***/ })

};
