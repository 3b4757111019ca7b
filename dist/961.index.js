export const id = 961;
export const ids = [961];
export const modules = {

/***/ 8961:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   analyseSqlCommand: () => (/* binding */ analyseSqlCommand)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var cli_table3__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5832);
/* harmony import */ var cli_table3__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(cli_table3__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3916);
/* harmony import */ var _migrate_analysis_index_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9395);
/* harmony import */ var _exit_codes_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8551);
/**
 * `release-gates analyse-sql <file.sql…>`: the migrate gate's destructive-change analysis
 * of SQL files, run locally: each file's findings as a table (position, code, severity,
 * whether it needs an acknowledgement, what it does), what could not be analysed, and the
 * content hash an acknowledgement binds to. Exit 0 when nothing needs an acknowledgement
 * and everything was analysed, 1 otherwise, 2 when a file cannot be read.
 */





async function read(file) {
    try {
        return await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(file, 'utf8');
    }
    catch (error) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UsageError */ .eb(`${file}: cannot read it (${error.code ?? String(error)})`);
    }
}
function render(file, analysis, columns) {
    const lines = [`${file}: ${analysis.statements} statement${analysis.statements === 1 ? '' : 's'}, ${analysis.hash}`];
    if (analysis.findings.length) {
        const table = new (cli_table3__WEBPACK_IMPORTED_MODULE_1___default())({
            head: ['at', 'code', 'severity', 'ack', 'finding'],
            colWidths: [10, 24, 11, 5, Math.max(40, columns - 56)],
            wordWrap: false,
            truncate: '…',
            style: { head: [], border: [], compact: true },
        });
        for (const finding of analysis.findings) {
            const where = finding.context ? ` (in ${finding.context})` : '';
            table.push([
                `${finding.line}:${finding.column}`,
                finding.code,
                finding.severity,
                finding.needsAck ? 'yes' : 'no',
                `${finding.message}${where}`,
            ]);
        }
        lines.push(table.toString());
    }
    else {
        lines.push('  no findings');
    }
    for (const item of analysis.unanalysable)
        lines.push(`  not analysable at ${file}:${item.line}:${item.column}: ${item.reason}`);
    return `${lines.join('\n')}\n`;
}
/** Analyses each file; returns the exit code. */
async function analyseSqlCommand(files, options, output) {
    const results = [];
    for (const file of files)
        results.push({ file, analysis: await (0,_migrate_analysis_index_js__WEBPACK_IMPORTED_MODULE_3__.analyseSql)(await read(file)) });
    if (options.json)
        output.out(`${JSON.stringify(results.map(({ file, analysis }) => ({ file, ...analysis })), null, 2)}\n`);
    else
        for (const { file, analysis } of results)
            output.out(render(file, analysis, output.columns));
    const blocked = results.some(({ analysis }) => analysis.unanalysable.length > 0 || analysis.findings.some((finding) => finding.needsAck));
    return blocked ? _exit_codes_js__WEBPACK_IMPORTED_MODULE_4__/* .EXIT_FAILED */ .hj : _exit_codes_js__WEBPACK_IMPORTED_MODULE_4__/* .EXIT_PASSED */ .K5;
}


/***/ })

};
