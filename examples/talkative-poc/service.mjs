#!/usr/bin/env node
/**
 * A stand-in for the Talkative POC backend that runbook 002 releases, for its "Rollback
 * Triggers": `GET /health`, the agent list, the message loop (`POST
 * /agents/:id/message` records the message and the workflow patch it causes in
 * `/events`), the orchestrator, the router metrics, and `/metrics` in the Prometheus
 * text format. It can be switched into a degraded mode at run time (see
 * examples/lib/stand-in.mjs):
 *
 *   node examples/talkative-poc/service.mjs --port 3001
 *   curl -X POST 'http://127.0.0.1:3001/__admin/mode?mode=errors&error-rate=0.5'
 *   curl -X POST 'http://127.0.0.1:3001/__admin/mode?mode=down'     # the health check fails
 *
 * Degraded: the message and orchestrator routes fail a share of requests (and answer
 * slowly in `slow`/`degraded`); `down` fails every route, /health included.
 */
import { randomUUID } from 'node:crypto';
import { readJson, send, startStandIn } from '../lib/stand-in.mjs';

const AGENTS = [
  { id: 'agent-1', name: 'Research agent', status: 'idle' },
  { id: 'agent-2', name: 'Writer agent', status: 'idle' },
];
/** The newest events last; at most 500 kept. */
const events = [];

function emit(event) {
  events.push({ id: randomUUID(), at: new Date().toISOString(), ...event });
  if (events.length > 500) events.splice(0, events.length - 500);
  return events.at(-1);
}

startStandIn({
  routes: [
    { method: 'GET', path: '/health', handle: (req, res) => send(res, 200, { ok: true, uptime_s: Math.round(process.uptime()) }) },
    { method: 'GET', path: '/agents', handle: (req, res) => send(res, 200, AGENTS) },
    {
      method: 'POST',
      path: '/agents/:id/message',
      degradable: true,
      handle: async (req, res, { params }) => {
        const agent = AGENTS.find((a) => a.id === params.id);
        if (!agent) return send(res, 404, { error: `no agent ${params.id}` });
        const input = await readJson(req);
        const message = emit({ type: 'message.received', agent_id: agent.id, text: String(input?.text ?? '') });
        // The critical loop: a message leads to a workflow patch (runbook 002, "Rollback Triggers").
        emit({ type: 'workflow.patched', agent_id: agent.id, cause: message.id });
        send(res, 202, { event_id: message.id });
      },
    },
    {
      method: 'GET',
      path: '/events',
      handle: (req, res, { url }) => {
        const cause = url.searchParams.get('cause');
        send(res, 200, { events: cause ? events.filter((e) => e.cause === cause || e.id === cause) : events.slice(-50) });
      },
    },
    {
      method: 'POST',
      path: '/orchestrator/run',
      degradable: true,
      handle: (req, res) => send(res, 200, { run_id: randomUUID(), status: 'started' }),
    },
    { method: 'GET', path: '/router/metrics', handle: (req, res) => send(res, 200, { routes: AGENTS.length, requests: events.length }) },
  ],
});
