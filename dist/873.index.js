export const id = 873;
export const ids = [873];
export const modules = {

/***/ 5873:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   parseTaskListMarkdown: () => (/* binding */ parseTaskListMarkdown)
/* harmony export */ });
/* harmony import */ var mdast_util_from_markdown__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(53);
/* harmony import */ var mdast_util_gfm_task_list_item__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1756);
/* harmony import */ var micromark_extension_gfm_task_list_item__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1197);



/** The mdast tree of `markdown`, with `checked` set on task-list items. */
function parseTaskListMarkdown(markdown) {
    return (0,mdast_util_from_markdown__WEBPACK_IMPORTED_MODULE_0__/* .fromMarkdown */ .Y)(markdown, { extensions: [(0,micromark_extension_gfm_task_list_item__WEBPACK_IMPORTED_MODULE_1__/* .gfmTaskListItem */ .J)()], mdastExtensions: [(0,mdast_util_gfm_task_list_item__WEBPACK_IMPORTED_MODULE_2__/* .gfmTaskListItemFromMarkdown */ .S)()] });
}


/***/ })

};
