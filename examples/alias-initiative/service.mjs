#!/usr/bin/env node
/**
 * A stand-in for the API that runbook 004 (Employer Alias Initiative) deploys, for its
 * "Monitor for 30 minutes" step: the employers API and the alias search it watches, the
 * business figures of its alerting list as Prometheus gauges, and `/metrics`. It can be
 * switched into a degraded mode at run time (see examples/lib/stand-in.mjs):
 *
 *   node examples/alias-initiative/service.mjs --port 3004
 *   curl -X POST 'http://127.0.0.1:3004/__admin/mode?mode=degraded&error-rate=0.5&slow-ms=1500'
 *
 * Routes: GET /api/health, GET /api/employers, GET /api/employers/search?q=, POST
 * /api/employers/aliases. Degraded: the employers routes fail a share of requests and
 * the search answers slowly; the review backlog grows, coverage drops and alias inserts
 * fail (runbook 004, "Alerting Thresholds").
 */
import { randomUUID } from 'node:crypto';
import { readJson, send, startStandIn } from '../lib/stand-in.mjs';

const EMPLOYERS = [
  { id: 'emp_1', canonical_name: 'Acme Corporation', aliases: ['ACME Corp', 'Acme Inc.'] },
  { id: 'emp_2', canonical_name: 'Globex LLC', aliases: ['Globex'] },
  { id: 'emp_3', canonical_name: 'Initech', aliases: ['Initech Software'] },
];
let aliasInsertFailures = 0;

startStandIn({
  routes: [
    { method: 'GET', path: '/api/health', handle: (req, res) => send(res, 200, { status: 'ok' }) },
    {
      method: 'GET',
      path: '/api/employers',
      degradable: true,
      handle: (req, res) => send(res, 200, { employers: EMPLOYERS.map(({ id, canonical_name }) => ({ id, canonical_name })) }),
    },
    {
      method: 'GET',
      path: '/api/employers/search',
      degradable: true,
      handle: (req, res, { url }) => {
        const q = (url.searchParams.get('q') ?? '').toLowerCase();
        const matches = EMPLOYERS.filter((e) => [e.canonical_name, ...e.aliases].some((name) => name.toLowerCase().includes(q)));
        send(res, 200, { query: q, results: matches.map(({ id, canonical_name }) => ({ id, canonical_name })) });
      },
    },
    {
      method: 'POST',
      path: '/api/employers/aliases',
      handle: async (req, res, { mode }) => {
        const input = await readJson(req);
        if (mode === 'degraded' || mode === 'errors') {
          aliasInsertFailures++;
          return send(res, 500, { error: 'alias insert failed' });
        }
        if (!input?.employer_id || !input?.alias) return send(res, 422, { error: 'employer_id and alias are required' });
        send(res, 201, { id: randomUUID(), employer_id: input.employer_id, alias: input.alias });
      },
    },
  ],
  metrics: (mode) => {
    const bad = mode !== 'healthy';
    return [
      '# HELP canonical_review_backlog Employers waiting for a canonical decision.',
      '# TYPE canonical_review_backlog gauge',
      `canonical_review_backlog ${bad ? 64 : 12}`,
      '# HELP alias_coverage_percent Share of employers with at least one alias, in percent.',
      '# TYPE alias_coverage_percent gauge',
      `alias_coverage_percent ${bad ? 84.5 : 92.5}`,
      '# HELP alias_insert_failures_total Alias inserts that failed.',
      '# TYPE alias_insert_failures_total counter',
      `alias_insert_failures_total ${aliasInsertFailures}`,
    ];
  },
});
