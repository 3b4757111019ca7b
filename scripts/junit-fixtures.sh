#!/usr/bin/env bash
# Regenerates the JUnit XML fixtures in __tests__/fixtures/junit/ with the real runners:
#
#   pytest (python3 on PATH, with pytest) --junitxml, both junit families:
#     pytest-xunit2.xml      the default family: no file attribute, dotted classnames
#     pytest-xunit1.xml      -o junit_family=xunit1: file and line attributes
#     pytest-api-only.xml    only tests/test_web_api_week1.py: every test passes
#   jest (this repository's jest) with the jest-junit reporter:
#     jest-file-attribute.xml  addFileAttribute + reportTestSuiteErrors
#     jest-suite-path.xml      suiteNameTemplate "{filepath}" (file path as suite name)
#     jest-default.xml         jest-junit's defaults: no file path anywhere
#
# The projects hold passing, failing, skipped and erroring tests named after runbook
# 001's gate-to-test mapping. Only machine-specific text is rewritten afterwards: the
# temporary project path becomes /project, this repository's path /release-gates, the
# Python prefix /python, the host name fixture-host, timestamps one fixed time and
# durations 0.001 s, so a regeneration diffs only where the runners changed.
# Run from anywhere; needs python3 with pytest, and `npm ci` done.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$ROOT/__tests__/fixtures/junit"
JEST="$ROOT/node_modules/jest/bin/jest.js"
JEST_JUNIT="$ROOT/node_modules/jest-junit"
PYTHON="${PYTHON:-python3}"

"$PYTHON" -m pytest --version >/dev/null 2>&1 || { echo "junit-fixtures: $PYTHON has no pytest (pip install pytest)" >&2; exit 1; }
[ -f "$JEST" ] && [ -d "$JEST_JUNIT" ] || { echo "junit-fixtures: jest or jest-junit missing; run npm ci" >&2; exit 1; }

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$OUT"

PY_PREFIX="$("$PYTHON" -c 'import sys; print(sys.base_prefix)')"

# Makes a report machine-independent (see the header).
scrub() {
  sed -e "s#$1#/project#g" \
      -e "s#$ROOT#/release-gates#g" \
      -e "s#$PY_PREFIX#/python#g" \
      -e "s#hostname=\"[^\"]*\"#hostname=\"fixture-host\"#g" \
      -e "s#timestamp=\"[^\"]*\"#timestamp=\"2025-01-15T10:00:00\"#g" \
      -e "s# time=\"[0-9.]*\"# time=\"0.001\"#g" \
      "$2" > "$3"
}

# ---------------------------------------------------------------------------- pytest
PY="$WORK/py"
mkdir -p "$PY/tests"
cat > "$PY/pytest.ini" <<'INI'
[pytest]
testpaths = tests
INI
: > "$PY/tests/__init__.py"

# Gate "API contract tests all pass": every test in this file passes.
cat > "$PY/tests/test_web_api_week1.py" <<'PY'
import pytest


def test_create_session_returns_201():
    assert {"id": "s1", "status": "created"}["status"] == "created"


def test_upload_resume_accepts_pdf():
    assert "resume.pdf".endswith(".pdf")


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_export_formats_are_listed(fmt):
    assert fmt in {"pdf", "docx", "md"}


class TestSessionContract:
    def test_get_session_has_status_field(self):
        assert "status" in {"id": "s1", "status": "created"}

    def test_unknown_session_is_404(self):
        assert 404 == 404
PY

# Gates "E2E happy path" (both pass) and "Interrupt/reject edge cases" (one passes, one
# fails, one is skipped), plus an error in a fixture's set-up.
cat > "$PY/tests/test_workflow_integration.py" <<'PY'
import pytest


@pytest.fixture
def storage():
    raise RuntimeError("object storage is not reachable")


def test_resume_and_jd_workflow_transitions():
    states = ["uploaded", "jd_submitted", "rewritten", "approved", "exported"]
    assert states[-1] == "exported"


def test_export_endpoint_creates_artifact_and_marks_exported():
    artifact = {"path": "exports/resume.pdf", "exported": True}
    assert artifact["exported"] is True


def test_reject_flow_completes_without_tool_result():
    assert {"tool_result": None}["tool_result"] is None


def test_interrupt_flow_returns_interrupted_terminal_event():
    events = ["started", "running", "completed"]
    assert events[-1] == "interrupted", f"terminal event was {events[-1]!r}"


@pytest.mark.skip(reason="needs the staging queue")
def test_interrupt_terminal_run_returns_200_with_current_status():
    assert True


def test_upload_survives_storage_outage(storage):
    assert storage is not None
PY

# A module that cannot be imported: pytest reports a collection error.
cat > "$PY/tests/test_broken_import.py" <<'PY'
import module_that_does_not_exist  # noqa: F401


def test_never_collected():
    assert True
PY

run_pytest() {
  local name="$1"; shift
  (cd "$PY" && "$PYTHON" -m pytest -q -p no:cacheprovider --continue-on-collection-errors \
      --junitxml="$WORK/$name" "$@" >/dev/null 2>&1) || true
  [ -s "$WORK/$name" ] || { echo "junit-fixtures: pytest wrote no $name" >&2; exit 1; }
  scrub "$PY" "$WORK/$name" "$OUT/$name"
  echo "junit-fixtures: wrote $OUT/$name"
}
run_pytest pytest-xunit2.xml
run_pytest pytest-xunit1.xml -o junit_family=xunit1
run_pytest pytest-api-only.xml tests/test_web_api_week1.py

# ------------------------------------------------------------------------------ jest
JS="$WORK/js"
mkdir -p "$JS/__tests__" "$JS/src/workflow"
echo '{ "name": "fixture-app", "private": true }' > "$JS/package.json"

cat > "$JS/__tests__/web-api-week1.test.js" <<'JS'
describe('web api week1', () => {
  it('create session returns 201', () => {
    expect({ status: 201 }.status).toBe(201);
  });
  it('upload resume accepts pdf', () => {
    expect('resume.pdf'.endsWith('.pdf')).toBe(true);
  });
});
JS

cat > "$JS/src/workflow/workflow.test.js" <<'JS'
describe('workflow', () => {
  it('resume and jd workflow transitions', () => {
    expect(['uploaded', 'jd_submitted', 'rewritten', 'approved', 'exported'].at(-1)).toBe('exported');
  });
  it('export endpoint creates artifact and marks exported', () => {
    expect({ exported: true }.exported).toBe(true);
  });
  it('reject flow completes without tool result', () => {
    expect({ toolResult: null }.toolResult).toBeNull();
  });
  it('interrupt flow returns interrupted terminal event', () => {
    expect(['started', 'completed'].at(-1)).toBe('interrupted');
  });
  it.skip('interrupt terminal run returns 200 with current status', () => {
    expect(true).toBe(true);
  });
});
JS

# A test file that does not parse: jest reports "Test suite failed to run".
cat > "$JS/__tests__/broken.test.js" <<'JS'
describe('broken', () => {
  it('never runs', () => {
JS

run_jest() {
  local name="$1" options="$2"
  cat > "$WORK/jest.config.json" <<JSON
{
  "rootDir": "$JS",
  "testEnvironment": "node",
  "transform": {},
  "cacheDirectory": "$WORK/jest-cache",
  "reporters": [["$JEST_JUNIT", { "outputDirectory": "$WORK", "outputName": "$name"$options }]]
}
JSON
  (cd "$JS" && node "$JEST" --config "$WORK/jest.config.json" --ci >/dev/null 2>&1) || true
  [ -s "$WORK/$name" ] || { echo "junit-fixtures: jest wrote no $name" >&2; exit 1; }
  scrub "$JS" "$WORK/$name" "$OUT/$name"
  echo "junit-fixtures: wrote $OUT/$name"
}
run_jest jest-file-attribute.xml ', "addFileAttribute": "true", "reportTestSuiteErrors": "true", "noStackTrace": "true"'
run_jest jest-suite-path.xml ', "suiteNameTemplate": "{filepath}", "reportTestSuiteErrors": "true", "noStackTrace": "true"'
run_jest jest-default.xml ', "noStackTrace": "true"'
